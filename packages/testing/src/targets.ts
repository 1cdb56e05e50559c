import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
    redisUrl: string;
  }
}

/** The real Kafka broker and Redis server the integration project runs against (see global-setup.ts). */
export interface IntegrationTargets {
  kafkaBrokers: string[];
  redisUrl: string;
}

/**
 * The addresses global-setup.ts verified before the run. Call it inside a test file of the integration
 * project; never hard-code an address.
 */
export function integrationTargets(): IntegrationTargets {
  return { kafkaBrokers: inject('kafkaBrokers').split(','), redisUrl: inject('redisUrl') };
}
