import { describe, expect, it } from 'vitest';
import { uniqueName } from './unique-name.js';

describe('uniqueName', () => {
  it('starts with the prefix and differs on every call', () => {
    const names = new Set(Array.from({ length: 1000 }, () => uniqueName('bus-test')));
    expect(names.size).toBe(1000);
    for (const name of names) expect(name.startsWith('bus-test-')).toBe(true);
  });

  it('only uses characters valid in Kafka topic names and Redis hash tags', () => {
    expect(uniqueName('cust {42}/x')).toMatch(/^cust--42--x-[a-z0-9]+-[0-9a-f]{8}$/);
  });
});
