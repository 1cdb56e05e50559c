import type { ZodApp } from '../deps.js';

/** One operation of the OpenAPI document. */
export interface Operation {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI path template, e.g. `/v1/customers/{customerId}/trust`. */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly hasBody: boolean;
  readonly secured: boolean;
  readonly doc: OperationDoc;
}

export interface OperationDoc {
  readonly parameters?: readonly { name: string; in: string; required?: boolean; schema?: unknown }[];
  readonly requestBody?: { content: Record<string, { schema: unknown }> };
  readonly security?: readonly unknown[];
}

/** Every operation the served OpenAPI document lists: the route table tests enumerate. */
export async function operationsOf(app: ZodApp): Promise<Operation[]> {
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  const doc = res.json<{ paths: Record<string, Record<string, OperationDoc>> }>();
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase() as Operation['method'],
      path,
      pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      hasBody: op.requestBody !== undefined,
      secured: (op.security ?? []).length > 0,
      doc: op,
    })),
  );
}

/** The path with its parameters filled in (URL-encoded). */
export function fillPath(path: string, values: Readonly<Partial<Record<string, string>>>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));
}
