import fc from 'fast-check';

/** A JSON value as the decoders see it after JSON.parse. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Stands for 10,000 nested arrays: JSON.stringify itself overflows the stack on such a value, so the
 * nesting is spliced into the serialised text instead (see `serialise`).
 */
export const DEEP_MARKER = '\u0001deeply-nested';
const DEEP = 10_000;

/** JSON text of a mutated document, with every deep-nesting marker expanded. */
export function serialise(value: Json | undefined): string {
  const text = JSON.stringify(value) ?? '';
  return text.replaceAll(JSON.stringify(DEEP_MARKER), `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`);
}

/** Values a hostile producer, BOM author or BMC might put anywhere a field is expected. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(
    null,
    '',
    -1,
    1e308,
    -0,
    2 ** 53 + 1,
    '\u0000',
    '\ud800',
    '../../etc/passwd',
    'javascript:alert(1)',
  ),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.constant('x'.repeat(300_000)),
  fc.constant(Array.from({ length: 20_000 }, (_, i) => i)),
  // Parsed from text, so `__proto__` is an own key, as it would be after JSON.parse of hostile input.
  fc.constant(
    JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as Json,
  ),
  fc.constant(DEEP_MARKER),
);

/** Every path (list of keys/indices) into a JSON value, the root included. */
export function pathsOf(
  value: Json,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (out.length > 5_000) return out;
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) pathsOf(value[key]!, [...prefix, key], out);
  }
  return out;
}

/** A copy of `value` with the node at `path` replaced by `replacement`, or removed when it is undefined. */
export function mutateAt(
  value: Json,
  path: readonly (string | number)[],
  replacement: Json | undefined,
): Json | undefined {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    const next = mutateAt(copy[head as number] ?? null, rest, replacement);
    if (next === undefined) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  if (value === null || typeof value !== 'object') return value;
  // defineProperty keeps a `__proto__` key an own data key instead of resetting the prototype.
  const copy: { [key: string]: Json } = {};
  for (const key of Object.keys(value))
    Object.defineProperty(copy, key, {
      value: value[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  const next = mutateAt(value[String(head)] ?? null, rest, replacement);
  if (next === undefined) delete copy[String(head)];
  else
    Object.defineProperty(copy, String(head), {
      value: next,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

/** One to three mutations of a valid document: replace or remove a node anywhere in it. */
export function mutationsOf(valid: Json): fc.Arbitrary<Json | undefined> {
  const paths = pathsOf(valid);
  const one = fc.record({ at: fc.nat({ max: paths.length - 1 }), remove: fc.boolean(), value: hostileValue });
  return fc.array(one, { minLength: 1, maxLength: 3 }).map((steps) =>
    steps.reduce<Json | undefined>((doc, step) => {
      if (doc === undefined) return doc;
      const candidates = pathsOf(doc);
      const path = candidates[step.at % candidates.length] ?? [];
      return mutateAt(doc, path, step.remove && path.length > 0 ? undefined : step.value);
    }, valid),
  );
}

/** How one hostile input ended: accepted, refused with a classified error, or anything else (a bug). */
export type Ending = 'accepted' | 'refused' | 'crashed';

/** Tally of endings and the slowest call, per target. */
export class Tally {
  readonly endings = { accepted: 0, refused: 0, crashed: 0 };
  slowestMs = 0;
  readonly crashes: string[] = [];

  note(ending: Ending, ms: number, detail?: string): void {
    this.endings[ending] += 1;
    this.slowestMs = Math.max(this.slowestMs, Math.round(ms));
    if (ending === 'crashed' && this.crashes.length < 5) this.crashes.push(detail ?? 'unknown');
  }
}
