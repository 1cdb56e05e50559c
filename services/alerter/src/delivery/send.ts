import type { Notification } from '@trustwatch/alerting';
import type { Transporter } from 'nodemailer';
import { AlerterError } from '../errors.js';
import { classifyStatus, type AttemptVerdict } from '../http/classify.js';
import { postGuarded } from '../http/post.js';
import type { ReceiverAgents } from '../http/receiver-agents.js';
import type { ReceiverConfig } from '../receivers/receiver-config.js';
import { renderAlertmanager } from '../receivers/render-alertmanager.js';
import { renderEmail } from '../receivers/render-email.js';
import { renderPagerDuty } from '../receivers/render-pagerduty.js';
import { renderSlack } from '../receivers/render-slack.js';
import { webhookHeaders } from '../receivers/standard-webhook.js';
import type { AddressPolicy } from '../ssrf/address-policy.js';

/** One attempt's result: the verdict plus what the delivery log shows. */
export interface SendResult {
  readonly verdict: AttemptVerdict;
  readonly httpStatus?: number;
  readonly error?: string;
}

export interface SendContext {
  readonly policy: AddressPolicy;
  readonly now: () => number;
  /** The SMTP transport of an email receiver (one per receiver, made by the engine). */
  readonly mailer: (receiver: ReceiverConfig & { kind: 'email' }) => Transporter;
  /** Kept-alive connections to HTTP receivers (the engine's, closed with it). */
  readonly agents?: ReceiverAgents;
}

interface HttpRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

function httpRequestFor(receiver: ReceiverConfig, n: Notification, id: string, now: number): HttpRequest {
  switch (receiver.kind) {
    case 'webhook': {
      const body = JSON.stringify({ type: `trustwatch.notification.${n.status}`, timestamp: n.at, data: n });
      return {
        url: receiver.url,
        body,
        headers: webhookHeaders(receiver.secrets, id, Math.floor(now / 1000), body),
      };
    }
    case 'slack':
      return { url: receiver.url, body: JSON.stringify(renderSlack(n)), headers: {} };
    case 'pagerduty':
      return {
        url: receiver.url,
        body: JSON.stringify(renderPagerDuty(n, receiver.routingKey)),
        headers: {},
      };
    case 'alertmanager': {
      const url = new URL('api/v2/alerts', receiver.url.endsWith('/') ? receiver.url : `${receiver.url}/`);
      return {
        url: url.toString(),
        body: JSON.stringify(renderAlertmanager(n, now, receiver.firingTtlMs)),
        headers: {},
      };
    }
    case 'email':
      throw new AlerterError('INVALID_RECEIVER', 'email is not an HTTP receiver');
  }
}

function failure(err: unknown): SendResult {
  const code = err instanceof AlerterError ? err.code : 'NETWORK';
  const retriable = err instanceof AlerterError ? err.retriable : true;
  return { verdict: retriable ? { kind: 'retry', retryAfterMs: undefined } : { kind: 'dead' }, error: code };
}

/** SMTP reply codes: 4xx is transient (greylisting, mailbox busy), 5xx permanent (RFC 5321 4.2.1). */
function smtpFailure(err: unknown): SendResult {
  if (err instanceof AlerterError) return failure(err);
  const code = (err as { responseCode?: unknown }).responseCode;
  if (typeof code === 'number' && code >= 500)
    return { verdict: { kind: 'dead' }, error: `SMTP ${String(code)}` };
  return {
    verdict: { kind: 'retry', retryAfterMs: undefined },
    error: typeof code === 'number' ? `SMTP ${String(code)}` : 'NETWORK',
  };
}

/**
 * Sends one notification to one receiver, once. Never throws: every failure becomes a verdict, so the
 * engine always records an attempt. `id` is the unit's idempotency key (webhook-id, email Message-ID).
 */
export async function sendOnce(
  receiver: ReceiverConfig,
  n: Notification,
  id: string,
  ctx: SendContext,
): Promise<SendResult> {
  if (receiver.kind === 'email') {
    const mail = renderEmail(n);
    try {
      await ctx.mailer(receiver).sendMail({
        from: receiver.from,
        to: receiver.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // Same Message-ID on a re-send, so mail clients show one message.
        messageId: `<${id}@trustwatch>`,
        headers: { 'X-Trustwatch-Notification': n.id },
      });
      return { verdict: { kind: 'sent' } };
    } catch (err) {
      return smtpFailure(err);
    }
  }
  try {
    const req = httpRequestFor(receiver, n, id, ctx.now());
    const reply = await postGuarded(req.url, req.body, req.headers, {
      policy: ctx.policy,
      timeoutMs: receiver.timeoutMs,
      now: ctx.now,
      ...(ctx.agents === undefined ? {} : { agents: ctx.agents }),
    });
    const verdict = classifyStatus(reply.status, reply.retryAfterMs);
    return verdict.kind === 'sent'
      ? { verdict, httpStatus: reply.status }
      : { verdict, httpStatus: reply.status, error: reply.bodyStart.slice(0, 200) };
  } catch (err) {
    return failure(err);
  }
}
