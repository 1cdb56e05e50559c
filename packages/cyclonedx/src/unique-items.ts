// The CycloneDX 1.6 schema puts `uniqueItems` on 46 arrays, `components` among them. For arrays of
// objects ajv checks it by deep-comparing every pair of items, which is quadratic: a 10,000-device BOM
// took 26-43 s. The loaded copy therefore swaps `uniqueItems` for `uniqueJsonItems`, the same rule
// (no two items that are equal as JSON) checked with a Set of canonical texts in linear time.
import type { KeywordDefinition, SchemaValidateFunction } from 'ajv';

export const UNIQUE_KEYWORD = 'uniqueJsonItems';

/** A deep copy of `schema` with every `uniqueItems: true` replaced by `uniqueJsonItems: true`. */
export function withLinearUniqueness(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withLinearUniqueness);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]): [string, unknown] =>
      key === 'uniqueItems' && value === true ? [UNIQUE_KEYWORD, true] : [key, withLinearUniqueness(value)],
    ),
  );
}

// Object keys sorted so that texts are equal exactly when values are equal as JSON, as ajv's deep
// equality decides (key order does not matter, array order does).
const sortedKeys = (_key: string, value: unknown): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, (value as Record<string, unknown>)[k]]),
      )
    : value;

/** Index of the first item equal as JSON to an earlier one, or -1. */
export function firstRepeatedItem(items: readonly unknown[]): number {
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const text = JSON.stringify(item, sortedKeys);
    if (seen.has(text)) return index;
    seen.add(text);
  }
  return -1;
}

// ajv reads a function keyword's errors from the function itself; the path names the repeated item.
const validate: SchemaValidateFunction = (_schema, data: unknown, _parent, cxt) => {
  if (!Array.isArray(data)) return true;
  const repeated = firstRepeatedItem(data);
  if (repeated < 0) return true;
  validate.errors = [
    {
      keyword: UNIQUE_KEYWORD,
      instancePath: `${cxt?.instancePath ?? ''}/${String(repeated)}`,
      message: 'must not repeat an identical earlier item',
      params: {},
    },
  ];
  return false;
};

/** The ajv keyword that checks `uniqueJsonItems`. */
export const uniqueJsonItems: KeywordDefinition = {
  keyword: UNIQUE_KEYWORD,
  schemaType: 'boolean',
  errors: true,
  validate,
};
