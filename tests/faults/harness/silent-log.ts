import { createLogger } from '@trustwatch/logging';

/** The suite's own clients log nothing; the engines under test log to the fleet's capture. */
export const silentLog = createLogger({ service: 'faults', level: 'silent' });
