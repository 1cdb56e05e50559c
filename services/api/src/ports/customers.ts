import { entityIdSchema } from '@trustwatch/schemas';
import { z } from 'zod';

/** A customer as the directory knows it: who it is and which account managers look after it. */
export const customerSchema = z.strictObject({
  id: entityIdSchema,
  name: z.string().min(1).max(200),
  /** Subjects (JWT `sub` or API-key owner) of the account managers assigned to this customer. */
  accountManagers: z.array(z.string().min(1).max(256)).max(100),
});
export type Customer = z.infer<typeof customerSchema>;

/**
 * The customer directory: customer names and their account-manager assignments, which decide what an
 * account manager sees. Admin and security list customers from the trust store instead, so a customer
 * the directory does not name is still listed for them.
 */
export interface CustomerDirectory {
  /** Every customer, ordered by id. */
  list(): Promise<Customer[]>;
  get(customerId: string): Promise<Customer | null>;
}
