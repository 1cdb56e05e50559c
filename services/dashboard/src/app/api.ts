import type { AlertRecord, Silence, SilenceInput } from '@trustwatch/api';
import type { Factor, ScoreSummary, TrustChanged } from '@trustwatch/schemas';

/** A refused or failed request, with the API's problem `detail` as a sentence for the page. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

export interface Page<T> {
  readonly items: T[];
  readonly next: string | null;
}
export interface Me {
  readonly subject: string;
  readonly role: 'admin' | 'security' | 'account_manager';
}
export interface PortfolioItem {
  readonly id: string;
  readonly name: string;
  readonly summary: ScoreSummary | null;
  readonly trend: { at: string; score: number }[];
  readonly openAlerts: number;
}
export interface CustomerView {
  readonly id: string;
  readonly name: string;
  readonly summary: ScoreSummary | null;
}
export interface Attributed {
  readonly factor: Factor;
  readonly points: number;
}
export interface Scored {
  readonly score: number;
  readonly baseline: number;
  readonly factors: Attributed[];
}
export interface Breakdown {
  readonly at: string;
  readonly overall: Scored;
  readonly vendors: (Scored & { vendorId: string })[];
}
export interface FeedEntry {
  readonly id: string;
  readonly change: TrustChanged;
}
export interface FirmwareRow {
  readonly vendor: string;
  readonly model: string;
  readonly component: string;
  readonly version: string;
  readonly assetIds: string[];
}
export type { AlertRecord, Silence, SilenceInput };

const MESSAGES: Readonly<Record<number, string>> = {
  401: 'That API key was not accepted. It may be mistyped or revoked.',
  403: 'Your role is not allowed to do this.',
  404: 'Nothing was found here, or you may not see it.',
};

/** A JSON call to the API with the signed-in key; throws RequestError with a readable message. */
export async function call<T>(key: string, path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('x-api-key', key);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  const res = await fetch(path, { ...init, headers });
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as { detail?: unknown };
    const detail = typeof problem.detail === 'string' ? problem.detail : '';
    throw new RequestError(
      res.status,
      MESSAGES[res.status] ?? (detail || `The request failed (${String(res.status)}).`),
    );
  }
  return (await res.json()) as T;
}

/** Path segment of an id, escaped. */
export const seg = (id: string): string => encodeURIComponent(id);
