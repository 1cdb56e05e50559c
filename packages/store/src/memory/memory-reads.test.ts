import { describe, expect, it } from 'vitest';
import { customerFactor, sharedNewsFactor } from '../contract/builders.js';
import { createMemoryTrustStore } from './memory-store.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');

describe('memory store reads', () => {
  it('hands out stored factors and lists that no reader can change for the next one', async () => {
    const store = createMemoryTrustStore();
    const shared = sharedNewsFactor('story-1', 'supermicro');
    await store.applyMany(
      [
        {
          customerId: 'acme',
          eventId: 'e1',
          version: T0,
          factors: [customerFactor('acme', 'fw', 0.5)],
          exposures: [{ factorId: shared.id, customerId: 'acme', exposure: 0.4, vendorExposure: 1 }],
        },
      ],
      { shared: [{ factor: shared, version: T0 }] },
    );
    const read = await store.getFactors('acme');
    const before = structuredClone(read);
    expect(read).toHaveLength(2);
    for (const factor of read) {
      expect(() => Object.assign(factor, { severity: 1 })).toThrow(TypeError);
      expect(() => factor.evidence.eventIds.push('evt-forged')).toThrow(TypeError);
    }
    read.splice(0);
    expect(await store.getFactors('acme')).toEqual(before);
  });

  it('reads a shared factor rewritten after it was read at its new value, in every bound copy', async () => {
    const store = createMemoryTrustStore();
    const shared = sharedNewsFactor('story-1', 'supermicro', 0.6);
    await store.applyMany(
      ['acme', 'globex'].map((customerId) => ({
        customerId,
        eventId: 'e1',
        version: T0,
        exposures: [{ factorId: shared.id, customerId, exposure: 0.4, vendorExposure: 1 }],
      })),
      { shared: [{ factor: shared, version: T0 }] },
    );
    expect((await store.getFactors('acme'))[0]?.credibility).toBe(0.6);
    await store.putSharedFactor({ ...shared, credibility: 0.2 }, T0 + 1);
    for (const customerId of ['acme', 'globex']) {
      expect((await store.getFactors(customerId)).map((f) => [f.customerId, f.credibility])).toEqual([
        [customerId, 0.2],
      ]);
    }
    expect((await store.getSharedFactor(shared.id))?.credibility).toBe(0.2);
  });
});
