/**
 * Largest encoded event value accepted anywhere. Matches the broker's `message.max.bytes` default
 * (1 MiB plus record overhead): a bigger value could not be produced, so it is refused before parsing.
 */
export const MAX_EVENT_BYTES = 1_048_576;
