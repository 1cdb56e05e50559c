import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, kafkaSection, loadConfig } from './index.js';

const brokers = { KAFKA_BROKERS: ' kafka-1:9093 , kafka-2:9093,' };

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ kafka: kafkaSection() }, env);
  } catch (error) {
    if (error instanceof ConfigError)
      return error.issues.map((issue) => `${issue.variable}: ${issue.problem}`);
    throw error;
  }
  return [];
}

function tempFile(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'trustwatch-kafka-')), name);
  writeFileSync(file, content);
  return file;
}

describe('kafkaSection', () => {
  it('splits the broker list and trims blanks and empty items', () => {
    expect(loadConfig({ kafka: kafkaSection() }, brokers).kafka.brokers).toEqual([
      'kafka-1:9093',
      'kafka-2:9093',
    ]);
  });

  it('rejects a broker without a port or with a port out of range', () => {
    expect(issuesOf({ KAFKA_BROKERS: 'kafka-1' })).toEqual(['KAFKA_BROKERS: each broker must be host:port']);
    expect(issuesOf({ KAFKA_BROKERS: 'kafka-1:70000' })).toEqual([
      'KAFKA_BROKERS: each broker must be host:port',
    ]);
  });

  it('uses the client id default given by the service', () => {
    const config = loadConfig({ kafka: kafkaSection({ clientId: 'trust-engine' }) }, brokers);
    expect(config.kafka.clientId).toBe('trust-engine');
  });

  it('builds SASL settings with the password read from a secret file', () => {
    const env = {
      ...brokers,
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'engine',
      KAFKA_SASL_PASSWORD_FILE: tempFile('password', 's3cret\n'),
    };
    const { kafka } = loadConfig({ kafka: kafkaSection() }, env);
    expect(kafka.ssl).toEqual({});
    expect(kafka.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'engine', password: 's3cret' });
  });

  it('requires a username and a password once a SASL mechanism is chosen', () => {
    expect(issuesOf({ ...brokers, KAFKA_SASL_MECHANISM: 'plain' }).sort()).toEqual([
      'KAFKA_SASL_PASSWORD: required (or set KAFKA_SASL_PASSWORD_FILE)',
      'KAFKA_SASL_USERNAME: required with SASL',
    ]);
  });

  it('rejects an unknown SASL mechanism and credentials without a mechanism', () => {
    expect(issuesOf({ ...brokers, KAFKA_SASL_MECHANISM: 'gssapi' })).toEqual([
      'KAFKA_SASL_MECHANISM: must be one of plain, scram-sha-256, scram-sha-512',
    ]);
    expect(issuesOf({ ...brokers, KAFKA_SASL_USERNAME: 'engine' })).toEqual([
      'KAFKA_SASL_USERNAME: set, but KAFKA_SASL_MECHANISM is not',
    ]);
  });

  it('rejects a password given both directly and as a file', () => {
    const env = {
      ...brokers,
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'engine',
      KAFKA_SASL_PASSWORD: 'x',
      KAFKA_SASL_PASSWORD_FILE: tempFile('password', 'y'),
    };
    expect(issuesOf(env)).toEqual([
      'KAFKA_SASL_PASSWORD: set either KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both',
    ]);
  });

  it('loads the CA bundle for TLS and reports an unreadable one by path', () => {
    const ca = tempFile('ca.pem', '-----BEGIN CERTIFICATE-----\n');
    const { kafka } = loadConfig(
      { kafka: kafkaSection() },
      { ...brokers, KAFKA_SSL: '1', KAFKA_SSL_CA_FILE: ca },
    );
    expect(kafka.ssl).toEqual({ ca: '-----BEGIN CERTIFICATE-----\n' });
    const [problem] = issuesOf({ ...brokers, KAFKA_SSL: 'yes', KAFKA_SSL_CA_FILE: '/nonexistent/ca.pem' });
    expect(problem).toBe('KAFKA_SSL_CA_FILE: cannot read file /nonexistent/ca.pem (ENOENT)');
  });

  it('refuses a CA file while TLS is off rather than silently connecting in plaintext', () => {
    const ca = tempFile('ca.pem', 'pem');
    expect(issuesOf({ ...brokers, KAFKA_SSL_CA_FILE: ca })).toEqual([
      'KAFKA_SSL_CA_FILE: set, but KAFKA_SSL is not true',
    ]);
  });
});
