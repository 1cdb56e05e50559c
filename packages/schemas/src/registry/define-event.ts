import type { z } from 'zod';

/**
 * One event type: its versioned name, the zod schema of its `data`, and how its partition key is
 * derived from that data (the key decides ordering: events with the same key are applied in order).
 */
export interface EventDefinition<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly type: Type;
  readonly description: string;
  readonly schema: Schema;
  readonly partitionKey: (data: z.infer<Schema>) => string;
}

export function defineEvent<const Type extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Type, Schema>,
): EventDefinition<Type, Schema> {
  return Object.freeze(definition);
}
