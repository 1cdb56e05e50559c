import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { censorSecrets, isSecretKey } from './redaction.js';
import { scrubUrlCredentials } from './secret-text.js';

describe('redaction', () => {
  it('recognises secret keys in the spellings configuration and HTTP use', () => {
    for (const key of [
      'password',
      'KAFKA_SASL_PASSWORD',
      'api_key',
      'x-api-key',
      'Authorization',
      'webhook_url',
    ]) {
      expect(isSecretKey(key)).toBe(true);
    }
    for (const key of ['customerId', 'vendor', 'url', 'topic', 'bypassed'])
      expect(isSecretKey(key)).toBe(false);
  });

  it('returns the same object when nothing needs censoring', () => {
    const value = { a: [1, { b: 'text' }], c: { d: null } };
    expect(censorSecrets(value)).toBe(value);
  });

  it('survives cyclic objects', () => {
    const value: Record<string, unknown> = { password: 'x' };
    value['self'] = value;
    expect(censorSecrets(value)['password']).toBe('[REDACTED]');
  });

  it('never leaves a secret value anywhere in a nested structure', () => {
    const secret = 'zz-canary-secret';
    const tree = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constant(secret).map((value) => ({ token: value })),
        fc.string(),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'data'), tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(fc.property(tree, (value) => !JSON.stringify(censorSecrets(value) ?? null).includes(secret)));
  });

  it('keeps scheme and host when scrubbing URL credentials', () => {
    expect(scrubUrlCredentials('see https://user:pw@example.com/x and redis://:pw@c:1')).toBe(
      'see https://[REDACTED]@example.com/x and redis://[REDACTED]@c:1',
    );
  });
});
