// Loads the contract files (schemas/ and vectors/) as they are, for the tests.
import { readdirSync, readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const root = new URL("../../", import.meta.url);
const schemasFolder = new URL("schemas/", root);
const vectorsFolder = new URL("vectors/", root);

export const STRICT_ID =
  "https://tracking-codes.contract-kit.dev/schemas/tracking-code-request.strict.schema.json";
export const REQUEST_ID =
  "https://tracking-codes.contract-kit.dev/schemas/tracking-code-request.schema.json";
export const VECTOR_SCHEMA = "vector-file.schema.json";
export const STRUCTURAL_RULES = ["S1", "S2", "S3", "S4", "S5", "S6", "S7"];

// strict: every strict-mode check of ajv, strictTypes included, so that the
// schemas are held to what ajv accepts without warnings. allErrors: report
// every broken rule, not only the first.
export const AJV_OPTIONS = { strict: true, allErrors: true };

function readJson(url) {
  return JSON.parse(readFileSync(url, "utf8"));
}

function jsonFiles(folder) {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .sort();
}

export function schemaFiles() {
  return jsonFiles(schemasFolder).filter((name) => name.endsWith(".schema.json"));
}

export function loadSchemas() {
  return schemaFiles().map((name) => readJson(new URL(name, schemasFolder)));
}

// An ajv that knows every schema file: the $ids are names, not addresses.
export function contractAjv(options = AJV_OPTIONS) {
  const ajv = new Ajv2020(options);
  for (const schema of loadSchemas()) ajv.addSchema(schema);
  return ajv;
}

// The rule ids a $defs group of the strict schema refers to.
export function rulesOf(group) {
  const strict = loadSchemas().find((schema) => schema.$id === STRICT_ID);
  return strict.$defs[group].allOf.map((ref) => ref.$ref.split("/").pop());
}

export function vectorSchema() {
  return readJson(new URL(VECTOR_SCHEMA, vectorsFolder));
}

export function vectorFiles() {
  return jsonFiles(vectorsFolder)
    .filter((name) => name !== VECTOR_SCHEMA)
    .map((name) => ({ name, groups: readJson(new URL(name, vectorsFolder)) }));
}

// A case is valid for a checker when it breaks none of the rules it enforces.
export function validUnder(vector, enforced) {
  return !vector.breaks.some((rule) => enforced.includes(rule));
}
