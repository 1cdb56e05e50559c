import { describe, expect, it } from 'vitest';
import { EngineError } from './errors.js';
import { loadPolicy } from './policy.js';

describe('policy loading', () => {
  it('reads the policy shipped with the scoring package by default', async () => {
    const policy = await loadPolicy();
    expect(policy.thresholds.map((t) => t.name)).toEqual(['watch', 'warning', 'critical']);
  });

  it('fails with a non-retriable POLICY_UNREADABLE for a missing or invalid file', async () => {
    for (const path of ['/nonexistent/policy.yaml', new URL(import.meta.url)]) {
      const error = await loadPolicy(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EngineError);
      expect(error).toMatchObject({ code: 'POLICY_UNREADABLE', retriable: false });
    }
  });
});
