import { advisoryPublishedSchema } from '@trustwatch/schemas';
import { z } from 'zod';
import type { FiledAdvisory } from './port.js';

/** What `putAdvisory` accepts and both adapters store: the advisory and the event that carried it. */
export const filedAdvisorySchema = z.object({
  eventId: z.string().min(1),
  advisory: advisoryPublishedSchema,
});

/**
 * Reads a stored advisory record. Records written before the event id was kept hold the advisory
 * alone; their evidence is the advisory id, the best stand-in left.
 */
export const storedAdvisorySchema = {
  parse(value: unknown): FiledAdvisory {
    if (typeof value === 'object' && value !== null && 'advisory' in value) {
      return filedAdvisorySchema.parse(value);
    }
    const advisory = advisoryPublishedSchema.parse(value);
    return { eventId: advisory.advisoryId, advisory };
  },
};
