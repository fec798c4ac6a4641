// Every test vector against the strict request schema, validated by ajv.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import Ajv2020 from "ajv/dist/2020.js";
import {
  AJV_OPTIONS,
  REQUEST_ID,
  STRICT_ID,
  STRUCTURAL_RULES,
  contractAjv,
  rulesOf,
  schemaFiles,
  validUnder,
  vectorFiles,
  vectorSchema,
} from "../lib/contract.mjs";

const ajv = contractAjv();
const documented = rulesOf("documentedRules");
const inferred = rulesOf("inferredRules");

const checkers = {
  whole: ajv.compile({ $ref: STRICT_ID }),
  documentedOnly: ajv.compile({
    allOf: [{ $ref: REQUEST_ID }, { $ref: `${STRICT_ID}#/$defs/documentedRules` }],
  }),
  structure: ajv.compile({ $ref: REQUEST_ID }),
};
const ruleCheckers = Object.fromEntries(
  [...documented, ...inferred].map((rule) => [
    rule,
    ajv.compile({ $ref: `${STRICT_ID}#/$defs/${rule}` }),
  ]),
);

function brokenRules(body) {
  return Object.keys(ruleCheckers).filter((rule) => !ruleCheckers[rule](body));
}

// The rules that ajv's errors point at: each rule is a ref-free subschema
// under $defs, so ajv reports its errors at "#/$defs/<rule id>/...".
function rulesNamedByErrors(errors) {
  const named = (errors ?? []).map((error) => /^#\/\$defs\/(R\d+)\//.exec(error.schemaPath)?.[1]);
  return [...new Set(named.filter(Boolean))].sort();
}

describe("the schema files", () => {
  for (const name of schemaFiles()) {
    test(`${name} compiles in ajv's strict mode`, () => {
      const id = `https://tracking-codes.contract-kit.dev/schemas/${name}`;
      assert.equal(typeof ajv.getSchema(id), "function");
    });
  }

  test("the strict schema states R1, R3, R4, R5, R7 and R8-R10", () => {
    assert.deepEqual(documented, ["R1", "R3", "R4", "R5", "R7"]);
    assert.deepEqual(inferred, ["R8", "R9", "R10"]);
  });
});

describe("the vector files", () => {
  const validateFile = new Ajv2020(AJV_OPTIONS).compile(vectorSchema());
  for (const { name, groups } of vectorFiles()) {
    test(`${name} is a valid vector file`, () => {
      assert.ok(validateFile(groups), JSON.stringify(validateFile.errors));
    });
  }
});

for (const { name, groups } of vectorFiles()) {
  describe(name, () => {
    for (const group of groups) {
      for (const vector of group.cases) {
        test(vector.description, () => checkVector(vector));
      }
    }
  });
}

function checkVector(vector) {
  const { body } = vector;
  const all = [...STRUCTURAL_RULES, ...documented, ...inferred];
  assert.equal(
    checkers.whole(body),
    validUnder(vector, all),
    `strict schema verdict; ajv errors: ${JSON.stringify(checkers.whole.errors)}`,
  );
  assert.equal(
    checkers.documentedOnly(body),
    validUnder(vector, [...STRUCTURAL_RULES, ...documented]),
    "verdict of the structure with the documented rules only",
  );
  assert.equal(
    checkers.structure(body),
    validUnder(vector, STRUCTURAL_RULES),
    "structural schema verdict",
  );
  const expected = vector.breaks.filter((rule) => rule in ruleCheckers).sort();
  assert.deepEqual(brokenRules(body).sort(), expected, "rules broken");
  checkers.whole(body);
  assert.deepEqual(rulesNamedByErrors(checkers.whole.errors), expected, "rules in errors");
}
