import { createTransport, type Transporter } from 'nodemailer';
import type { ReceiverConfig } from '../receivers/receiver-config.js';
import type { AddressPolicy } from '../ssrf/address-policy.js';
import { guardedSmtpSocket } from '../ssrf/guarded-socket.js';

type EmailReceiver = ReceiverConfig & { kind: 'email' };

/** One SMTP transport per email receiver, made on first use and closed with the engine. */
export function createMailers(policy: AddressPolicy): {
  get: (receiver: EmailReceiver) => Transporter;
  close: () => void;
} {
  const transports = new Map<string, Transporter>();
  return {
    get(r) {
      const existing = transports.get(r.name);
      if (existing !== undefined) return existing;
      const auth =
        r.smtp.user === undefined ? {} : { auth: { user: r.smtp.user, pass: r.smtp.password ?? '' } };
      const transport = createTransport({
        host: r.smtp.host,
        port: r.smtp.port,
        secure: r.smtp.secure,
        connectionTimeout: r.timeoutMs,
        greetingTimeout: r.timeoutMs,
        socketTimeout: r.timeoutMs,
        ...auth,
        // The SMTP host is user-configured too: connect through the SSRF guard.
        getSocket: guardedSmtpSocket(policy),
      });
      transports.set(r.name, transport);
      return transport;
    },
    close() {
      for (const t of transports.values()) t.close();
    },
  };
}
