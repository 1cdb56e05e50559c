import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger, memoryDestination } from './index.js';

// Each secret carries a marker that appears nowhere else, so finding the marker means a leak.
const MARK = 'cnry7q';

function capture() {
  const destination = memoryDestination();
  return { log: createLogger({ service: 'alerter', level: 'debug', destination }), destination };
}

const slackUrl = `https://hooks.slack.com/services/T0${MARK}/B0${MARK}/${MARK}XXXXXXXXXXXXXXXX`;

describe('canary secrets never reach the log output', () => {
  it('scrubs credentials from an error message, stack and cause chain', () => {
    const { log, destination } = capture();
    const cause = new Error(`AUTH failed for rediss://svc:${MARK}-cause@cache.internal:6380`);
    const err = new Error(`connect redis://u:${MARK}-pw@cache.internal:6379 refused`, { cause });
    Object.assign(err, { endpoint: `redis://u:${MARK}-field@cache.internal`, attempts: 3 });
    log.error({ err }, 'store unavailable');
    log.error(err);
    log.error({ err });
    log.warn(new AggregateError([new Error(`https://ops:${MARK}-agg@x.example/`)], 'all failed'));
    const text = destination.text();
    expect(text).not.toContain(MARK);
    const [first, second, third] = destination.records();
    expect(first).toMatchObject({
      msg: 'store unavailable',
      err: {
        type: 'Error',
        message: 'connect redis://[REDACTED]@cache.internal:6379 refused',
        attempts: 3,
        cause: { message: 'AUTH failed for rediss://[REDACTED]@cache.internal:6380' },
      },
    });
    expect(String((first?.['err'] as Record<string, unknown>)['stack'])).toContain('cache.internal:6379');
    expect(second?.['msg']).toBe('connect redis://[REDACTED]@cache.internal:6379 refused');
    expect(third?.['msg']).toBe('connect redis://[REDACTED]@cache.internal:6379 refused');
  });

  it('scrubs a webhook URL kept under a plain url key, at any depth', () => {
    const { log, destination } = capture();
    log.info({ url: slackUrl, receivers: [{ kind: 'slack', url: slackUrl }] }, 'delivering');
    log.child({ receiver: { url: slackUrl } }).info(`posting to ${slackUrl}`);
    expect(destination.text()).not.toContain(MARK);
    expect(destination.records()[0]).toMatchObject({ url: 'https://hooks.slack.com/services/[REDACTED]' });
  });

  it('scrubs secret query parameters in messages, values and interpolated arguments', () => {
    const { log, destination } = capture();
    const query = `?token=${MARK}1&key=${MARK}2&sig=${MARK}3&signature=${MARK}4&access_token=${MARK}5`;
    log.info({ request: `GET /v1/trust${query}`, links: [`https://x.example/a${query}`] }, `GET ${query}`);
    log.debug('retry with token=%s and %j', `${MARK}6`, { next: `https://x.example/?sig=${MARK}7` });
    log.info('%s', `Bearer ${MARK}8abcdefgh`);
    expect(destination.text()).not.toContain(MARK);
    expect(destination.records()[1]?.['msg']).toBe(
      'retry with token=[REDACTED] and {"next":"https://x.example/?sig=[REDACTED]"}',
    );
  });

  it('scrubs whsec_ secrets, JWTs, twk_ keys and PagerDuty routing keys wherever they appear', () => {
    const { log, destination } = capture();
    const jwt = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIke${MARK}.${MARK}sig`;
    log.info(
      {
        receiver: { secrets: [`whsec_${MARK}AAAA`], note: `signing with whsec_${MARK}BBBB` },
        header: `Bearer ${jwt}`,
        detail: `caller twk_0123456789abcdef_${MARK}CCCC rejected`,
        body: `{"routing_key":"${MARK}DDDD","event_action":"trigger"}`,
        routingKey: `${MARK}EEEE`,
      },
      `token ${jwt}`,
    );
    expect(destination.text()).not.toContain(MARK);
  });

  it('keeps ordinary URLs, messages and identifiers intact', () => {
    const { log, destination } = capture();
    const fields = {
      url: 'https://www.cve.org/CVERecord?id=CVE-2024-10237',
      source: 'https://redfish.dmtf.org/redfish/mockups/v1/public-rackmount1?page=2&limit=50',
      customerId: 'cust-42',
      topic: 'trustwatch.firmware.changed.v1',
      hash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    };
    log.info(fields, 'trust dropped for asset srv-7 after firmware 2.14.1 appeared');
    log.error({ err: new Error('broker 127.0.0.1:19092 unreachable') });
    const [first, second] = destination.records();
    expect(first).toMatchObject({
      ...fields,
      msg: 'trust dropped for asset srv-7 after firmware 2.14.1 appeared',
    });
    expect(second).toMatchObject({
      msg: 'broker 127.0.0.1:19092 unreachable',
      err: { message: 'broker 127.0.0.1:19092 unreachable' },
    });
  });

  it('never writes a generated secret, whichever shape it has and wherever it is logged', () => {
    const tail = fc.stringMatching(/^[A-Za-z0-9]{8,20}$/).map((text) => `${MARK}${text}`);
    const secret = fc.oneof(
      tail.map((t) => `https://hooks.slack.com/services/T01/B02/${t}`),
      tail.map((t) => `https://events.pagerduty.com/integration/${t}/enqueue`),
      tail.map((t) => `whsec_${t}`),
      tail.map((t) => `eyJhbGciOiJIUzI1NiJ9.eyJzdWIi${t}.${t}`),
      tail.map((t) => `twk_0123456789abcdef_${t}`),
      fc
        .tuple(fc.constantFrom('redis', 'rediss', 'https', 'amqp'), tail)
        .map(([scheme, t]) => `${scheme}://svc:${t}@host.example:1`),
      fc
        .tuple(fc.constantFrom('token', 'key', 'sig', 'signature', 'access_token', 'api_key'), tail)
        .map(([name, t]) => `https://x.example/p?a=1&${name}=${t}`),
      tail.map((t) => `Bearer ${t}`),
    );
    const around = fc.stringMatching(/^[A-Za-z0-9 ,.:/-]{0,16}$/);
    const text = fc.tuple(around, secret, around).map(([before, s, after]) => `${before} ${s} ${after}`);
    const place = fc.constantFrom('message', 'value', 'url', 'error', 'cause', 'argument', 'binding');
    fc.assert(
      fc.property(text, place, (line, where) => {
        const { log, destination } = capture();
        const err = new Error(where === 'error' ? line : 'failed', {
          cause: new Error(where === 'cause' ? line : 'root'),
        });
        const target = where === 'binding' ? log.child({ context: { detail: line } }) : log;
        if (where === 'message') target.info(line);
        else if (where === 'argument') target.info('while %s', line);
        else if (where === 'value') target.info({ nested: [{ detail: line }] }, 'x');
        else if (where === 'url') target.info({ url: line }, 'x');
        else target.error({ err }, 'x');
        return !destination.text().includes(MARK);
      }),
    );
  });
});
