// Answers, for each JSON body read from stdin (one per line), what ajv says
// of it: one JSON line per body with the strict schema's verdict, the verdict
// without the inferred rules, the structural verdict and the rules broken.
// The Python tests drive it to compare ajv with the Python validators.
import { createInterface } from "node:readline";
import { REQUEST_ID, STRICT_ID, contractAjv, rulesOf } from "../lib/contract.mjs";

const ajv = contractAjv();
const whole = ajv.compile({ $ref: STRICT_ID });
const documentedOnly = ajv.compile({
  allOf: [{ $ref: REQUEST_ID }, { $ref: `${STRICT_ID}#/$defs/documentedRules` }],
});
const structure = ajv.compile({ $ref: REQUEST_ID });
const rules = [...rulesOf("documentedRules"), ...rulesOf("inferredRules")].map((rule) => [
  rule,
  ajv.compile({ $ref: `${STRICT_ID}#/$defs/${rule}` }),
]);

function verdicts(body) {
  return {
    valid: whole(body),
    documentedValid: documentedOnly(body),
    structureValid: structure(body),
    broken: rules.filter(([, check]) => !check(body)).map(([rule]) => rule),
  };
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "") continue;
  process.stdout.write(`${JSON.stringify(verdicts(JSON.parse(line)))}\n`);
}
