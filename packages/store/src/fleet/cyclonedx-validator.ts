import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { StoreError } from '../errors.js';

const schemaDir = new URL('../../schemas/', import.meta.url);
const readSchema = (file: string): object =>
  JSON.parse(readFileSync(new URL(file, schemaDir), 'utf8')) as object;

let validator: ValidateFunction | undefined;

// Compiling the 1.6 schema takes a noticeable fraction of a second; do it once, on first use.
function compiled(): ValidateFunction {
  if (validator !== undefined) return validator;
  // strict: false because the official schema uses annotation keywords (e.g. `meta:enum`) ajv does not know.
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats.default(ajv);
  // Formats ajv-formats does not define. An IRI may hold any non-space Unicode; an IDN e-mail needs one @.
  ajv.addFormat('iri-reference', /^\S*$/u);
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
  ajv.addSchema(readSchema('spdx.schema.json'));
  ajv.addSchema(readSchema('jsf-0.82.schema.json'));
  validator = ajv.compile(readSchema('bom-1.6.schema.json'));
  return validator;
}

function describe(error: ErrorObject): string {
  const path = error.instancePath === '' ? '/' : error.instancePath;
  return `${path} ${error.message ?? 'is invalid'}`;
}

/** Validates a parsed document against the official CycloneDX 1.6 schema; throws INVALID_FLEET naming the path. */
export function assertCycloneDx16(document: unknown): void {
  const validate = compiled();
  if (validate(document)) return;
  const first = validate.errors?.[0];
  const path = first?.instancePath === undefined || first.instancePath === '' ? '/' : first.instancePath;
  throw new StoreError(
    'INVALID_FLEET',
    `CycloneDX 1.6 schema violation at ${first ? describe(first) : path}`,
    {
      path,
    },
  );
}
