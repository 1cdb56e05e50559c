import fc from 'fast-check';
import { z } from 'zod';
import type { Json } from './hostile.js';

/**
 * The JSON Schema (draft 2020-12) nodes that `z.toJSONSchema` emits for the event schemas. Reading the
 * exported form instead of zod's internal `_zod.def` keeps the walker on a documented format; zod
 * refinements that JSON Schema cannot state are checked afterwards by the schema itself (see
 * `validDataOf`).
 */
export interface SchemaNode {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode | false;
  readonly prefixItems?: readonly SchemaNode[];
  readonly propertyNames?: SchemaNode;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly enum?: readonly Json[];
  readonly const?: Json;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, SchemaNode>>;
}

/** Arbitraries to use instead of the generic one wherever a property of that name appears. */
export type Overrides = Readonly<Record<string, fc.Arbitrary<Json>>>;

// Arrays stay short and strings bounded: a generated event is a plausible record, not a load test.
const ARRAY_CAP = 6;
const STRING_CAP = 80;
const SAFE = Number.MAX_SAFE_INTEGER;
const INT32 = 2 ** 31 - 1;

/** The JSON Schema of a zod schema's input, exactly as the repository exports it. */
export function jsonSchemaOf(schema: z.ZodType): SchemaNode {
  return z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'throw',
  }) as SchemaNode;
}

/** Resolves a local `$ref` (`#/$defs/Name`) against the root schema; other nodes are returned as they are. */
export function resolve(node: SchemaNode, root: SchemaNode): SchemaNode {
  if (node.$ref === undefined) return node;
  const name = /^#\/\$defs\/(.+)$/.exec(node.$ref)?.[1];
  const target = name === undefined ? undefined : root.$defs?.[name];
  if (target === undefined) throw new Error(`unsupported $ref ${node.$ref}`);
  return resolve(target, root);
}

function integers(node: SchemaNode): fc.Arbitrary<Json> {
  const lo = Math.max(
    node.minimum ?? -SAFE,
    node.exclusiveMinimum === undefined ? -SAFE : node.exclusiveMinimum + 1,
  );
  const hi = Math.min(
    node.maximum ?? SAFE,
    node.exclusiveMaximum === undefined ? SAFE : node.exclusiveMaximum - 1,
  );
  // fc.integer is 32-bit; the bounds themselves cover the far ends of wider ranges.
  if (lo > INT32 || hi < -INT32) return fc.constantFrom(lo, hi);
  return fc.oneof(
    fc.integer({ min: Math.max(lo, -INT32), max: Math.min(hi, INT32) }),
    fc.constantFrom(lo, hi),
  );
}

function numbers(node: SchemaNode): fc.Arbitrary<Json> {
  return fc.double({
    min: node.minimum ?? node.exclusiveMinimum ?? -1e12,
    max: node.maximum ?? node.exclusiveMaximum ?? 1e12,
    minExcluded: node.exclusiveMinimum !== undefined,
    maxExcluded: node.exclusiveMaximum !== undefined,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

const instants = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
});

function strings(node: SchemaNode): fc.Arbitrary<Json> {
  const min = node.minLength ?? 0;
  const max = node.maxLength ?? STRING_CAP;
  if (node.format === 'date-time') return instants.map((d) => d.toISOString());
  if (node.format === 'date') return instants.map((d) => d.toISOString().slice(0, 10));
  if (node.format === 'uri') return fc.webUrl({ withQueryParameters: true, withFragments: true });
  if (node.format !== undefined) throw new Error(`unsupported string format ${node.format}`);
  // zod counts UTF-16 units and trims before measuring where the schema says so: keep both true.
  const fits = (s: string) => s.length <= max && s.trim().length >= min;
  if (node.pattern !== undefined) return fc.stringMatching(new RegExp(node.pattern)).filter(fits);
  const text = fc.string({ minLength: min, maxLength: Math.min(max, STRING_CAP), unit: 'grapheme' });
  return fc.oneof(
    { arbitrary: text.filter(fits), weight: 9 },
    { arbitrary: fc.constant('x'.repeat(max)), weight: 1 },
  );
}

/**
 * A fast-check arbitrary of values the JSON Schema node accepts: objects (required and optional keys),
 * strings with their length bounds, patterns and formats, enums, consts, arrays with their bounds,
 * integers and numbers with theirs, booleans, unions. Anything else throws, so a schema growing a new
 * construct fails loudly here instead of being generated wrongly.
 */
export function arbitraryOf(
  node: SchemaNode,
  root: SchemaNode,
  overrides: Overrides = {},
): fc.Arbitrary<Json> {
  const at = resolve(node, root);
  if (at.const !== undefined) return fc.constant(at.const);
  if (at.enum !== undefined) return fc.constantFrom(...at.enum);
  const union = at.anyOf ?? at.oneOf;
  if (union !== undefined) return fc.oneof(...union.map((member) => arbitraryOf(member, root, overrides)));
  switch (at.type) {
    case 'object': {
      const model: Record<string, fc.Arbitrary<Json>> = {};
      for (const [key, child] of Object.entries(at.properties ?? {}))
        model[key] = overrides[key] ?? arbitraryOf(child, root, overrides);
      const fixed = fc.record(model, { requiredKeys: [...(at.required ?? [])], noNullPrototype: true });
      const extra = at.additionalProperties;
      if (extra === undefined || typeof extra === 'boolean') return fixed;
      // A record (`z.record`): a few more keys named by its key schema, values of its value schema.
      const names = at.propertyNames === undefined ? { type: 'string' as const } : at.propertyNames;
      const keys = (arbitraryOf(names, root) as fc.Arbitrary<string>).filter((k) => !(k in model));
      const more = fc.dictionary(keys, arbitraryOf(extra, root, overrides), {
        maxKeys: 4,
        noNullPrototype: true,
      });
      return fc.tuple(fixed, more).map(([a, b]) => ({ ...b, ...a }));
    }
    case 'array': {
      if (at.items === undefined || at.items === false || at.prefixItems !== undefined)
        throw new Error('unsupported array without one item schema (a tuple?)');
      const minLength = at.minItems ?? 0;
      const maxLength = Math.min(at.maxItems ?? ARRAY_CAP, minLength + ARRAY_CAP);
      return fc.array(arbitraryOf(at.items, root, overrides), { minLength, maxLength });
    }
    case 'string':
      return strings(at);
    case 'integer':
      return integers(at);
    case 'number':
      return numbers(at);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case undefined:
      break;
  }
  throw new Error(`unsupported schema node ${JSON.stringify(at).slice(0, 120)}`);
}

/**
 * Data the zod schema accepts: generated from its JSON Schema, then kept only if the schema's own
 * refinements (cross-field rules such as "relocated needs two different countries") hold as well.
 */
export function validDataOf(schema: z.ZodType, overrides: Overrides = {}): fc.Arbitrary<Json> {
  const root = jsonSchemaOf(schema);
  return arbitraryOf(root, root, overrides).filter((data) => schema.safeParse(data).success);
}
