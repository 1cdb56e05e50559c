import { createEvent, decodeBinary, decodeEvent, encodeBinary } from '@trustwatch/schemas';
import { integrationTargets } from '@trustwatch/testing';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uniqueName, waitFor } from './contract/fixtures.js';

// Proof that the infrastructure is real: a CloudEvent goes through the broker with nothing but kafkajs
// (no bus code) in binary mode, and the codec gets back exactly what was sent.
const kafka = new Kafka({
  clientId: 'roundtrip',
  brokers: integrationTargets().kafkaBrokers,
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const topic = uniqueName('roundtrip');

beforeAll(async () => {
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
});

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
});

it('round-trips a binary-mode CloudEvent through the real broker and decodes it with the codec', async () => {
  // The BMC of the DMTF Redfish public-rackmount1 mockup, as a collector would report it.
  const sent = createEvent({
    type: 'com.trustwatch.firmware.observed.v1',
    source: 'trustwatch://ingest-firmware/bmc-collector',
    id: 'snap-roundtrip-1',
    time: '2026-11-24T10:00:00Z',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    data: {
      customerId: 'cust-acme',
      assetId: 'asset-437XR1138R2',
      vendor: 'Contoso',
      model: '3500',
      observedAt: '2026-11-24T10:00:00Z',
      source: { kind: 'redfish', collector: 'bmc-collector', endpoint: 'https://10.0.0.12/redfish/v1' },
      components: [{ id: 'BMC', kind: 'bmc', version: '1.45.455b66-rev4', slot: 'active' }],
    },
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const message = encodeBinary(sent);
  await producer.send({ topic, acks: -1, messages: [message] });
  await producer.disconnect();

  const received: KafkaMessage[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('roundtrip'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message: arrived }) => {
      received.push(arrived);
      return Promise.resolve();
    },
  });
  try {
    await waitFor('the event', () => received.length === 1);
  } finally {
    await consumer.disconnect();
  }
  const [arrived] = received;
  expect(arrived?.key?.toString()).toBe('cust-acme');
  expect(arrived?.headers?.['ce_type']?.toString()).toBe('com.trustwatch.firmware.observed.v1');
  const decoded = decodeBinary({
    key: arrived?.key ?? null,
    value: arrived?.value ?? null,
    headers: arrived?.headers,
  });
  expect(decoded).toEqual(sent);
  expect(decodeEvent(decoded)).toEqual(sent);
});
