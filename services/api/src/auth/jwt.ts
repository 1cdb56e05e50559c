import { errors, jwtVerify, type JWTVerifyGetKey, type KeyObject, type CryptoKey } from 'jose';
import { ApiError } from '../errors.js';
import type { Principal, Role } from './principal.js';

/**
 * Asymmetric algorithms only (RFC 8725 3.1): a verifier that also accepted HS256 could be fooled by a
 * token MACed with the public key, and `none` is never accepted.
 */
export const JWT_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;

/** The scope that grants each role; a token names them in its space-separated `scope` claim. */
export const ROLE_SCOPES: Readonly<Record<Role, string>> = {
  admin: 'trustwatch:admin',
  security: 'trustwatch:security',
  account_manager: 'trustwatch:account-manager',
};
// Most privileged first: a token carrying several role scopes acts with the strongest.
const ROLE_ORDER: readonly Role[] = ['admin', 'security', 'account_manager'];

export interface JwtSettings {
  readonly issuer: string;
  readonly audience: string;
  /** A public key, or a JWKS resolver (`createRemoteJWKSet`). */
  readonly key: CryptoKey | KeyObject | JWTVerifyGetKey;
  /** Seconds of clock skew tolerated on exp/nbf. */
  readonly clockToleranceSec?: number;
}

/** Verifies a bearer token and maps it to a principal: 401 when the token is not good, 403 without a role scope. */
export type JwtVerifier = (token: string) => Promise<Principal>;

function roleOf(scope: unknown): Role | null {
  if (typeof scope !== 'string') return null;
  const granted = new Set(scope.split(' '));
  return ROLE_ORDER.find((role) => granted.has(ROLE_SCOPES[role])) ?? null;
}

export function createJwtVerifier(settings: JwtSettings): JwtVerifier {
  return async (token) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, settings.key as JWTVerifyGetKey, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: [...JWT_ALGORITHMS],
        requiredClaims: ['exp', 'sub'],
        clockTolerance: settings.clockToleranceSec ?? 30,
      }));
    } catch (cause) {
      // A JWKS endpoint that cannot be reached is our outage, not the caller's bad token.
      if (cause instanceof errors.JWKSTimeout)
        throw new ApiError('UNAVAILABLE', 'key set unreachable', { cause });
      throw new ApiError('UNAUTHENTICATED', 'invalid bearer token', { cause });
    }
    const role = roleOf(payload['scope']);
    if (role === null) throw new ApiError('FORBIDDEN', 'token carries no Trustwatch role scope');
    return { subject: payload.sub ?? '', role, via: 'jwt' };
  };
}
