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
 * not exist: the answer must not reveal which customer ids exist.
 */
export async function checkCustomer(
  principal: Principal,
  customerId: string,
  directory: CustomerDirectory,
): Promise<void> {
  const customer = await directory.get(customerId);
  const visible = await visibleCustomers(principal, directory);
  if (customer === null || (visible !== 'all' && !visible.has(customerId))) {
    throw new ApiError('NOT_FOUND', 'no such customer');
  }
}
