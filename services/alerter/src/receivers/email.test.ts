import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryId } from '../delivery/engine.js';
import { aNotification } from '../test-support/notifications.js';
import { receivers, testEngine } from '../test-support/engine-fixture.js';
import { DENY_ALL_PRIVATE } from '../ssrf/address-policy.js';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

const mails: Mail[] = [];
let rejectNext: number | undefined;
// A real SMTP server in the test process: nodemailer speaks the full protocol to it.
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    stream.on('end', () => {
      if (rejectNext !== undefined) {
        const code = rejectNext;
        rejectNext = undefined;
        return callback(Object.assign(new Error('refused by test'), { responseCode: code }));
      }
      mails.push({
        from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
        to: session.envelope.rcptTo.map((r) => r.address),
        raw,
      });
      callback();
    });
  },
});
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => smtp.close(resolve)));

function emailReceiver(): ReturnType<typeof receivers> {
  return receivers({
    name: 'sec-mail',
    kind: 'email',
    smtp: { host: '127.0.0.1', port },
    from: 'alerts@trustwatch.example',
    to: ['secops@acme.example'],
  });
}

describe('email receiver', () => {
  it('sends plain text and HTML with the evidence, and a Message-ID equal to the idempotency key', async () => {
    const { engine } = testEngine({ receivers: emailReceiver() });
    const n = aNotification('sec-mail');
    await engine.enqueue([n]);
    expect((await engine.runOnce()).sent).toBe(1);
    engine.close();
    const mail = mails.at(-1);
    expect(mail?.to).toEqual(['secops@acme.example']);
    expect(mail?.from).toBe('alerts@trustwatch.example');
    expect(mail?.raw).toContain(`Message-ID: <${deliveryId(n.id, 'sec-mail')}@trustwatch>`);
    expect(mail?.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail?.raw).toMatch(/Content-Type: text\/html/);
    expect(mail?.raw).toContain('trust 82 -> 41.5');
    expect(mail?.raw).toContain('https://trustwatch.example/customers/acme');
  });

  it('retries a 4xx SMTP refusal and dead-letters a 5xx one', async () => {
    const { engine, outbox } = testEngine({ receivers: emailReceiver() });
    rejectNext = 451;
    await engine.enqueue([aNotification('sec-mail')]);
    await engine.runOnce();
    rejectNext = 550;
    await engine.enqueue([aNotification('sec-mail')]);
    await engine.runOnce();
    engine.close();
    const [newest, oldest] = await outbox.list({ limit: 2 });
    expect(oldest?.status).toBe('failed');
    expect(oldest?.attempts[0]?.error).toBe('SMTP 451');
    expect(newest?.status).toBe('dead');
    expect(newest?.attempts[0]?.error).toBe('SMTP 550');
  });
});

describe('email receiver SSRF guard', () => {
  it('refuses an SMTP host on loopback unless allow-listed, before any mail is sent', async () => {
    const before = mails.length;
    const { engine, outbox } = testEngine({ receivers: emailReceiver(), policy: DENY_ALL_PRIVATE });
    await engine.enqueue([aNotification('sec-mail')]);
    await engine.runOnce();
    engine.close();
    const [unit] = await outbox.list({ limit: 1 });
    expect(unit?.status).toBe('dead');
    expect(unit?.attempts[0]?.error).toBe('SSRF_REFUSED');
    expect(mails.length).toBe(before);
  });
});
