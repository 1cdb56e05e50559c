import { entityIdSchema, isoTimestampSchema } from '@trustwatch/schemas';
import { z } from 'zod';

/** Path parameters naming a customer. */
export const customerParams = z.strictObject({ customerId: entityIdSchema });

/** An instant in a query: ISO 8601 with an offset. */
export const instantQuery = isoTimestampSchema;

/** `security` on every authenticated operation in the OpenAPI document. */
export const AUTHENTICATED = [{ apiKey: [] }, { bearer: [] }];
