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

export function integrationTargets(): IntegrationTargets {
  return { kafkaBrokers: inject('kafkaBrokers').split(','), redisUrl: inject('redisUrl') };
}
