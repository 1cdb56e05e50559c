import { describe, expect, it } from 'vitest';
import { AlertingError } from '../errors.js';
import { T0 } from '../test-support.js';
import {
  createSilence,
  emptySilenceStore,
  expireSilence,
  listSilences,
  pruneSilences,
  silencedBy,
  type SilenceStore,
} from './silence-store.js';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const input = (matchers: { name: string; op: string; value: string }[], from = T0, to = T0 + 2 * HOUR) => ({
  matchers,
  startsAt: iso(from),
  endsAt: iso(to),
  createdBy: 'alice@secops',
  comment: 'Supermicro BMC rollout in progress, tracked in CHG-1234',
});
const labels = {
  customer: 'globex',
  vendor: 'supermicro',
  rule: 'vendor-below-warning',
  severity: 'warning',
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AlertingError ? error.code : 'other';
  }
  return undefined;
}

describe('silence store', () => {
  it('mutes matching alerts only between startsAt and endsAt', () => {
    const { store, silence } = createSilence(
      emptySilenceStore(),
      input([{ name: 'vendor', op: '=', value: 'supermicro' }], T0 + HOUR),
      {
        id: 's1',
        now: T0,
      },
    );
    expect(silencedBy(store, labels, T0)).toEqual([]);
    expect(silencedBy(store, labels, T0 + HOUR)).toEqual([silence.id]);
    expect(silencedBy(store, { ...labels, vendor: 'dell' }, T0 + HOUR)).toEqual([]);
    expect(silencedBy(store, labels, T0 + 2 * HOUR)).toEqual([]);
  });

  it.each([
    ['=', 'globex', true],
    ['!=', 'globex', false],
    ['=~', 'glob.*', true],
    ['!~', 'glob.*', false],
    ['=~', 'glob', false],
  ])('applies the %s matcher on %s (regexes anchored) -> %s', (op, value, mutes) => {
    const { store } = createSilence(
      emptySilenceStore(),
      input([
        { name: 'customer', op, value },
        { name: 'rule', op: '=~', value: '.+' },
      ]),
      {
        id: 's',
        now: T0,
      },
    );
    expect(silencedBy(store, labels, T0 + 1).length > 0).toBe(mutes);
  });

  it('lists silences with their state and expires one early, keeping it listed for audit', () => {
    let store: SilenceStore = emptySilenceStore();
    store = createSilence(store, input([{ name: 'customer', op: '=', value: 'globex' }]), {
      id: 'a',
      now: T0,
    }).store;
    store = createSilence(store, input([{ name: 'customer', op: '=', value: 'acme' }], T0 + HOUR), {
      id: 'b',
      now: T0 + 1,
    }).store;
    expect(listSilences(store, T0 + 10).map((view) => `${view.silence.id}:${view.state}`)).toEqual([
      'b:pending',
      'a:active',
    ]);
    store = expireSilence(store, 'a', T0 + 20);
    store = expireSilence(store, 'b', T0 + 20);
    expect(listSilences(store, T0 + 20, 'expired').map((view) => view.silence.id)).toEqual(['b', 'a']);
    expect(silencedBy(store, labels, T0 + 20)).toEqual([]);
    expect(expireSilence(store, 'a', T0 + 30)).toBe(store);
    expect(Object.keys(pruneSilences(store, T0 + 20 + 2 * HOUR, HOUR).silences)).toEqual([]);
    expect(Object.keys(pruneSilences(store, T0 + 30, HOUR).silences)).toEqual(['a', 'b']);
    expect(JSON.parse(JSON.stringify(store))).toEqual(store);
  });

  it('refuses silences that mute everything, end before they start or in the past, or use unsafe regexes', () => {
    const create = (value: ReturnType<typeof input>) =>
      codeOf(() => createSilence(emptySilenceStore(), value, { id: 'x', now: T0 }));
    expect(create(input([{ name: 'customer', op: '=~', value: '.*' }]))).toBe('INVALID_SILENCE');
    expect(create(input([{ name: 'customer', op: '=', value: 'globex' }], T0, T0 - 1))).toBe(
      'INVALID_SILENCE',
    );
    expect(create(input([{ name: 'customer', op: '=', value: 'globex' }], T0 - 2 * HOUR, T0 - HOUR))).toBe(
      'INVALID_SILENCE',
    );
    expect(create(input([{ name: 'vendor', op: '=~', value: '(a|a)*b' }]))).toBe('UNSAFE_REGEX');
    expect(create({ ...input([{ name: 'customer', op: '=', value: 'globex' }]), comment: '' })).toBe(
      'INVALID_SILENCE',
    );
    expect(codeOf(() => expireSilence(emptySilenceStore(), 'nope', T0))).toBe('SILENCE_NOT_FOUND');
  });
});
