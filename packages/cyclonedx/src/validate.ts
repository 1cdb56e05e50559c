// Loads the official CycloneDX 1.6 JSON schema from ../../schemas (see schemas/SOURCE.md) and compiles it
// once. Fleet import (inventories) and supplier ingest (hardware BOMs) both validate through here.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { shapeViolation } from './bom-shape.js';
import { uniqueJsonItems, withLinearUniqueness } from './unique-items.js';

const schemaDir = new URL('../schemas/', import.meta.url);
const readSchema = (file: string): object =>
  JSON.parse(readFileSync(new URL(file, schemaDir), 'utf8')) as object;

let validator: ValidateFunction | undefined;

// Compiling the 1.6 schema takes a noticeable fraction of a second: do it on first use, then reuse.
function compiled(): ValidateFunction {
  if (validator !== undefined) return validator;
  // The schema is draft-07, so the default Ajv class. strict: false because the schema uses
  // annotation keywords ajv does not know (`meta:enum`, `deprecated` under draft-07).
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats.default(ajv);
  // Formats the schema names that ajv-formats lacks. An IRI may hold any non-space Unicode; an IDN
  // e-mail needs one @ between non-empty parts.
  ajv.addFormat('iri-reference', /^\S*$/u);
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
  ajv.addSchema(readSchema('spdx.schema.json'));
  ajv.addSchema(readSchema('jsf-0.82.schema.json'));
  // The spec file stays as published; only the loaded copy trades `uniqueItems` for its linear twin.
  ajv.addKeyword(uniqueJsonItems);
  validator = ajv.compile(withLinearUniqueness(readSchema('bom-1.6.schema.json')) as object);
  return validator;
}

/** Where and why a document fails the CycloneDX 1.6 schema. */
export interface CycloneDxViolation {
  /** JSON Pointer into the document, `/` for the root. */
  readonly path: string;
  readonly message: string;
}

/**
 * The first violation of a document, or `undefined` when it is a valid CycloneDX 1.6 BOM. Checked in
 * this order: the size caps (`MAX_COMPONENTS`, `MAX_DEPTH`) and bom-ref uniqueness, then the schema.
 * Linear in the document's size.
 */
export function cycloneDxViolation(document: unknown): CycloneDxViolation | undefined {
  const shape = shapeViolation(document);
  if (shape !== undefined) return shape;
  const validate = compiled();
  if (validate(document)) return undefined;
  const first: ErrorObject | undefined = validate.errors?.[0];
  return {
    path: first === undefined || first.instancePath === '' ? '/' : first.instancePath,
    message: first?.message ?? 'does not match the CycloneDX 1.6 schema',
  };
}
