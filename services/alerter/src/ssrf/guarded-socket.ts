import { connect, isIP, type Socket } from 'node:net';
import type { AddressPolicy } from './address-policy.js';
import { assertAddressAllowed } from './address-policy.js';
import { guardedLookup } from './guarded-lookup.js';

/**
 * nodemailer's `getSocket` hook: opens the SMTP connection through the same connect-time address check
 * as HTTP receivers (nodemailer would otherwise resolve and connect by itself, unguarded). nodemailer
 * upgrades the socket to TLS itself when the receiver is `secure`.
 */
export function guardedSmtpSocket(policy: AddressPolicy) {
  return (
    options: { host?: string | undefined; port?: number | string | undefined },
    callback: (err: Error | null, socketOptions?: { connection: Socket }) => void,
  ): void => {
    const host = (options.host ?? '').toLowerCase();
    try {
      if (isIP(host) !== 0 && !policy.allowHosts.includes(host)) assertAddressAllowed(host, policy);
    } catch (refused) {
      callback(refused as Error);
      return;
    }
    const socket = connect({ host, port: Number(options.port ?? 25), lookup: guardedLookup(policy, host) });
    const onError = (err: Error): void => {
      socket.destroy();
      callback(err);
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      callback(null, { connection: socket });
    });
  };
}
