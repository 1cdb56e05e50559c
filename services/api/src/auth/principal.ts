import { z } from 'zod';

/**
 * Roles: `admin` may do everything; `security` sees every customer and works alerts and silences;
 * `account_manager` reads only the customers assigned to it and changes nothing.
 */
export const ROLES = ['admin', 'security', 'account_manager'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Who is calling, after authentication. */
export interface Principal {
  /** Stable subject: the JWT `sub`, or the API key's owner. Account-manager assignments name it. */
  readonly subject: string;
  readonly role: Role;
  readonly via: 'api-key' | 'jwt';
  /** Set for API keys, so a key can be named in the audit log without its secret. */
  readonly keyId?: string;
}
