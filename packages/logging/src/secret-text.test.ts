import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CENSOR, isSecretParameter, scrubText } from './secret-text.js';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjdXN0LTQyIn0.dGhpc19pc19ub3RfYV9yZWFsX3NpZ25hdHVyZQ';

describe('scrubText', () => {
  it.each([
    [
      'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX',
      'https://hooks.slack.com/services/[REDACTED]',
    ],
    [
      'post to https://discord.com/api/webhooks/123/abcDEF failed',
      'post to https://discord.com/api/webhooks/[REDACTED] failed',
    ],
    [
      'https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/x/y',
      'https://acme.webhook.office.com/[REDACTED]',
    ],
    [
      'https://events.pagerduty.com/integration/r3FPuDvNOTEDyQYCc7trBkymIFcy2NkE/enqueue',
      'https://events.pagerduty.com/integration/[REDACTED]',
    ],
    ['secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw rotated', `secret ${CENSOR} rotated`],
    [`token ${JWT}.`, `token ${CENSOR}.`],
    ['key twk_0123456789abcdef_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE used', `key ${CENSOR} used`],
    ['Authorization: Bearer abc.def-ghi_jkl', `Authorization: Bearer ${CENSOR}`],
    ['Authorization: Basic dXNlcjpodW50ZXIy', `Authorization: Basic ${CENSOR}`],
    [
      'GET /v1/trust?customer=cust-42&token=abc123&page=2',
      `GET /v1/trust?customer=cust-42&token=${CENSOR}&page=2`,
    ],
    [
      'https://x.blob.core.windows.net/c/f?sv=2024&sig=abc%2Fdef&se=1',
      `https://x.blob.core.windows.net/c/f?sv=2024&sig=${CENSOR}&se=1`,
    ],
    [
      'retrying with access_token=ya29.a0 and signature=deadbeef',
      `retrying with access_token=${CENSOR} and signature=${CENSOR}`,
    ],
    ['https://maps.example/api?key=AIzaSyD&q=Berlin', `https://maps.example/api?key=${CENSOR}&q=Berlin`],
    [
      'X-Amz-Credential=AKIA/2026&X-Amz-Signature=f00',
      `X-Amz-Credential=${CENSOR}&X-Amz-Signature=${CENSOR}`,
    ],
    [
      'body {"routing_key": "r3FPuDvNOTEDyQYCc7trBkymIFcy2NkE", "event_action": "trigger"}',
      `body {"routing_key": "${CENSOR}", "event_action": "trigger"}`,
    ],
    ['connect redis://app:pw@cache:6379 failed', `connect redis://${CENSOR}@cache:6379 failed`],
  ])('censors the secret in %s', (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it.each([
    'GET https://api.trustwatch.example/v1/customers/cust-42/trust?page=2&limit=50',
    'Basic authentication is disabled; use a Bearer token',
    'firmware hash 9f86d081884c7d659a2feaa0c55ad015 changed on asset srv-7',
    'see https://www.cve.org/CVERecord?id=CVE-2024-10237 (published 2024-10-22T10:00:00Z)',
    'tokens=3 keys=4 monkey=5 signatureAlgorithm=RS256',
    'mail ops@example.com about partition 3',
  ])('keeps the ordinary text %s', (text) => {
    expect(scrubText(text)).toBe(text);
  });

  it('names the query parameters that carry credentials', () => {
    for (const name of ['token', 'key', 'sig', 'signature', 'access_token', 'api_key', 'client_secret'])
      expect(isSecretParameter(name)).toBe(true);
    for (const name of ['page', 'customer', 'keyword', 'q', 'sort', 'monkey'])
      expect(isSecretParameter(name)).toBe(false);
  });

  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom('token=', '?key=', 'https://', '@', 'whsec_', 'eyJ', '.', 'twk_', 'Bearer '),
          ),
          { maxLength: 12 },
        ),
        (parts) => {
          const once = scrubText(parts.join(''));
          return scrubText(once) === once;
        },
      ),
    );
  });

  it('returns URLs built from ordinary parts unchanged', () => {
    // fc.domain() is slow to generate; ordinary labels are all this property needs.
    const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
    const host = fc
      .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'org', 'io'))
      .map(([labels, tld]) => [...labels, tld].join('.'));
    const name = fc.constantFrom('page', 'limit', 'customer', 'q', 'lang', 'sort', 'since');
    const query = fc.array(fc.tuple(name, fc.stringMatching(/^[A-Za-z0-9._-]{0,12}$/)), { maxLength: 4 });
    const url = fc
      .tuple(host, fc.array(fc.webSegment(), { maxLength: 4 }), query)
      .map(([host, path, params]) => {
        const search = params.map(([key, value]) => `${key}=${value}`).join('&');
        return `https://${host}/${path.join('/')}${search === '' ? '' : `?${search}`}`;
      });
    fc.assert(
      fc.property(url, fc.stringMatching(/^[A-Za-z ,]{0,20}$/), (link, words) => {
        const text = `${words} ${link} ${words}`;
        return scrubText(text) === text;
      }),
    );
  });
});
