import type { TrustStore } from '@trustwatch/store';
import type { CustomerDirectory } from '../ports/customers.js';
import { ApiError } from '../errors.js';
import type { Principal, Role } from './principal.js';

/**
 * Who may call a route: the one place authorisation is decided. Every route declares one of these in
 * its `config.access`; a route without one fails at start-up, so none can be forgotten.
 */
export type Access =
  | { readonly public: true }
  | {
      readonly roles: readonly Role[];
      /** Where the route names a customer; the caller must be allowed to see that customer. */
      readonly customer?: { readonly in: 'params' | 'query'; readonly name: string };
    };

/** Roles, named once so the route table reads as the policy. */
export const ANY_ROLE: readonly Role[] = ['admin', 'security', 'account_manager'];
export const ALERT_ROLES: readonly Role[] = ['admin', 'security'];
export const ADMIN_ONLY: readonly Role[] = ['admin'];

/** Customers a principal may see: every one for admin and security, the assigned ones otherwise. */
export async function visibleCustomers(
  principal: Principal,
  directory: CustomerDirectory,
): Promise<'all' | ReadonlySet<string>> {
  if (principal.role !== 'account_manager') return 'all';
  const customers = await directory.list();
  return new Set(customers.filter((c) => c.accountManagers.includes(principal.subject)).map((c) => c.id));
}

/** Throws FORBIDDEN when the principal's role may not call a route with this access. */
export function checkRole(principal: Principal, access: Access): void {
  if ('public' in access) return;
  if (!access.roles.includes(principal.role)) throw new ApiError('FORBIDDEN', 'your role may not do this');
}

/**
 * Throws NOT_FOUND when the principal may not see the customer, exactly as for a customer that does
 * not exist: the answer must not reveal which customer ids exist. An account manager sees the
 * customers the directory assigns to it; admin and security see every customer of the directory and
 * every customer the store knows (a fleet imported or a score stored), as their listing shows.
 */
export async function checkCustomer(
  principal: Principal,
  customerId: string,
  deps: { readonly customers: CustomerDirectory; readonly store: Pick<TrustStore, 'knowsCustomer'> },
): Promise<void> {
  const visible = await visibleCustomers(principal, deps.customers);
  const exists =
    visible === 'all'
      ? (await deps.customers.get(customerId)) !== null || (await deps.store.knowsCustomer(customerId))
      : visible.has(customerId);
  if (!exists) throw new ApiError('NOT_FOUND', 'no such customer');
}
