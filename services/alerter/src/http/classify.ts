/** What the engine does after one attempt. */
export type AttemptVerdict =
  | { readonly kind: 'sent' }
  | { readonly kind: 'retry'; readonly retryAfterMs: number | undefined }
  | { readonly kind: 'dead' }
  | { readonly kind: 'disable' };

/**
 * HTTP status -> verdict. 2xx sent; 408, 429 and 5xx retried (the receiver is busy or broken now);
 * 410 Gone disables the receiver (Slack answers it for a deleted webhook, so retrying only adds load);
 * 3xx dead (redirects are never followed: a redirect to an internal address is an SSRF bypass); other
 * 4xx dead (the request itself is wrong and retrying sends the same wrong request).
 */
export function classifyStatus(status: number, retryAfterMs: number | undefined): AttemptVerdict {
  if (status >= 200 && status < 300) return { kind: 'sent' };
  if (status === 410) return { kind: 'disable' };
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retry', retryAfterMs };
  return { kind: 'dead' };
}
