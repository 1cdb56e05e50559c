import fc from 'fast-check';
import type { z } from 'zod';
import { mutateAt, type Json } from './hostile.js';
import { jsonSchemaOf, resolve, type SchemaNode } from './schema-arbitrary.js';

/** The ways a near-miss differs from a valid event's data: each one alone makes it invalid. */
export const NEAR_MISS_KINDS = [
  'field dropped',
  'wrong type',
  'extra key',
  '__proto__ key',
  'out of bounds',
] as const;
export type NearMissKind = (typeof NEAR_MISS_KINDS)[number];

/** One place in a valid document where a near-miss of one kind can be made, and what to put there. */
interface Site {
  readonly kind: NearMissKind;
  readonly path: readonly (string | number)[];
  /** The new value; `undefined` removes the node. */
  readonly value: Json | undefined;
}

type Path = readonly (string | number)[];

/** A value of another JSON type than the node expects (never one it would coerce or accept). */
function wrongType(node: SchemaNode): Json {
  switch (node.type) {
    case 'string':
      return 42;
    case 'integer':
    case 'number':
      return '42';
    case 'boolean':
      return 'true';
    case 'array':
      return {};
    case 'object':
      return [];
    case 'null':
    case undefined:
      break;
  }
  return { unexpected: true };
}

/** A value just past the node's bounds, or undefined when it has none to break. */
function outOfBounds(node: SchemaNode, value: Json): Json | undefined {
  if (node.enum !== undefined) return 'not-a-listed-value';
  if (node.type === 'string' && node.maxLength !== undefined) return 'x'.repeat(node.maxLength + 1);
  if ((node.type === 'integer' || node.type === 'number') && node.maximum !== undefined)
    return node.type === 'integer' && node.maximum >= Number.MAX_SAFE_INTEGER ? 1e300 : node.maximum + 1;
  if (node.type === 'array' && Array.isArray(value)) {
    if ((node.minItems ?? 0) > 0) return [];
    const first = value[0];
    if (node.maxItems !== undefined && first !== undefined)
      return Array.from({ length: node.maxItems + 1 }, () => first);
  }
  return undefined;
}

/** Every near-miss site in `value` (valid for `node`), walking object keys and array items. */
function sitesOf(node: SchemaNode, root: SchemaNode, value: Json, path: Path, out: Site[]): Site[] {
  const at = resolve(node, root);
  if (path.length > 0) out.push({ kind: 'wrong type', path, value: wrongType(at) });
  const beyond = outOfBounds(at, value);
  if (beyond !== undefined) out.push({ kind: 'out of bounds', path, value: beyond });
  if (at.type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of at.required ?? [])
      out.push({ kind: 'field dropped', path: [...path, key], value: undefined });
    if (at.additionalProperties === false)
      out.push({ kind: 'extra key', path: [...path, 'unexpectedField'], value: 'surprise' });
    out.push({ kind: '__proto__ key', path: [...path, '__proto__'], value: { polluted: true } });
    for (const [key, child] of Object.entries(at.properties ?? {})) {
      const inner = value[key];
      if (inner !== undefined) sitesOf(child, root, inner, [...path, key], out);
    }
  }
  const items = at.items;
  if (at.type === 'array' && items !== undefined && items !== false && Array.isArray(value))
    value.forEach((item, i) => sitesOf(items, root, item, [...path, i], out));
  return out;
}

/** One near-miss of a valid document: its kind, where it was made, and the invalid document. */
export interface NearMiss {
  /** The valid document the near-miss was made from. */
  readonly base: Json;
  readonly kind: NearMissKind;
  readonly path: string;
  readonly data: Json;
}

/**
 * Near-misses of the schema's valid data: a required field dropped, a value of the wrong JSON type, an
 * unknown key on a strict object, an own `__proto__` key, a value just past its bounds. The kind is
 * drawn first so each is about equally frequent, whatever the document's shape.
 */
export function nearMissOf(schema: z.ZodType, valid: fc.Arbitrary<Json>): fc.Arbitrary<NearMiss> {
  const root = jsonSchemaOf(schema);
  return fc
    .tuple(valid, fc.constantFrom(...NEAR_MISS_KINDS), fc.nat())
    .map(([data, kind, pick]): NearMiss => {
      const sites = sitesOf(root, root, data, [], []);
      const ofKind = sites.filter((site) => site.kind === kind);
      const pool = ofKind.length > 0 ? ofKind : sites;
      const site = pool[pick % pool.length]!;
      return {
        base: data,
        kind: site.kind,
        path: site.path.join('.'),
        data: mutateAt(data, site.path, site.value) ?? null,
      };
    });
}
