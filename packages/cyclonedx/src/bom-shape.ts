// Checks that run before the schema, in one iterative pass (no recursion, so a deeply nested document
// cannot overflow the stack): the size caps, which bound the schema's work, and bom-ref uniqueness,
// which the specification requires ("every bom-ref must be unique within the BOM") but the JSON schema
// cannot express.
import type { CycloneDxViolation } from './validate.js';

/**
 * Most components (at any nesting level) a BOM may hold. A 10,000-device fleet with a few firmware
 * components per device stays well below it; a larger fleet is split into several BOMs.
 */
export const MAX_COMPONENTS = 100_000;
/** Deepest JSON nesting accepted. Real BOMs nest components a few levels; each level is two JSON levels. */
export const MAX_DEPTH = 64;

// JSON Pointer escaping (RFC 6901): `~` and `/` inside a key.
const pointerKey = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

interface Pending {
  readonly value: unknown;
  readonly path: string;
  readonly depth: number;
  readonly inComponents: boolean;
}

/** The first size or bom-ref violation of a document, in document order, or `undefined`. */
export function shapeViolation(document: unknown): CycloneDxViolation | undefined {
  // Not even an object: the schema says so, at the root.
  if (typeof document !== 'object' || document === null) return undefined;
  const bomRefs = new Set<string>();
  let components = 0;
  const stack: Pending[] = [{ value: document, path: '', depth: 0, inComponents: false }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path, depth } = next;
    if (depth > MAX_DEPTH) {
      return { path: path || '/', message: `nests deeper than ${String(MAX_DEPTH)} levels` };
    }
    if (next.inComponents && ++components > MAX_COMPONENTS) {
      return { path: '/', message: `holds more than ${String(MAX_COMPONENTS)} components; split the BOM` };
    }
    const isArray = Array.isArray(value);
    const record = value as Record<string, unknown>;
    if (!isArray && typeof record['bom-ref'] === 'string') {
      const ref = record['bom-ref'];
      // The path is enough to find it; the value itself is untrusted and may be long.
      if (bomRefs.has(ref)) return { path: `${path}/bom-ref`, message: 'repeats an earlier bom-ref' };
      bomRefs.add(ref);
    }
    const keys = isArray ? undefined : Object.keys(record);
    const count = isArray ? (value as unknown[]).length : keys!.length;
    const childrenAreComponents = isArray && path.endsWith('/components');
    // Pushed in reverse so that items pop in document order and the first duplicate is the one reported.
    // Only objects and arrays: scalars hold neither components nor bom-refs.
    for (let i = count - 1; i >= 0; i--) {
      const key = isArray ? String(i) : keys![i]!;
      const child = record[key];
      if (typeof child !== 'object' || child === null) continue;
      stack.push({
        value: child,
        path: `${path}/${pointerKey(key)}`,
        depth: depth + 1,
        inComponents: childrenAreComponents,
      });
    }
  }
  return undefined;
}
