import { ApiError } from '../errors.js';

/**
 * Opaque page cursors. A cursor names the listing and the scope (e.g. the customer) it was issued for,
 * so a cursor from another customer's feed is refused instead of positioning this customer's listing.
 */
export function encodeCursor(listing: string, scope: string, key: string): string {
  return Buffer.from(JSON.stringify({ l: listing, s: scope, k: key }), 'utf8').toString('base64url');
}

export function decodeCursor(token: string, listing: string, scope: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new ApiError('INVALID_REQUEST', 'malformed cursor', { cause });
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    !('l' in parsed && 's' in parsed && 'k' in parsed) ||
    parsed.l !== listing ||
    parsed.s !== scope ||
    typeof parsed.k !== 'string'
  ) {
    throw new ApiError('INVALID_REQUEST', 'the cursor belongs to another listing');
  }
  return parsed.k;
}
