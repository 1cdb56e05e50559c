import { StoreError } from '../errors.js';
import { alertSchema, type Alert } from '@trustwatch/schemas';
import {
  alertAckSchema,
  storedSilenceSchema,
  type AlertAck,
  type NamedDocument,
  type StoredSilence,
} from './alerting-types.js';

function decode<T>(what: string, json: string, parse: (raw: unknown) => T): T {
  try {
    return parse(JSON.parse(json));
  } catch (cause) {
    throw new StoreError('CORRUPT_STATE', `stored ${what} is not the JSON this package writes`, { cause });
  }
}

export const decodeAlert = (json: string): Alert => decode('alert', json, (raw) => alertSchema.parse(raw));
export const decodeAck = (json: string): AlertAck =>
  decode('acknowledgement', json, (raw) => alertAckSchema.parse(raw));
export const decodeSilence = (json: string): StoredSilence =>
  decode('silence', json, (raw) => storedSilenceSchema.parse(raw));
export const decodeNamed = (json: string): NamedDocument =>
  decode('configuration document', json, (raw) => {
    if (typeof raw !== 'object' || raw === null || typeof (raw as { name?: unknown }).name !== 'string') {
      throw new TypeError('a named document needs a string name');
    }
    return raw as NamedDocument;
  });
