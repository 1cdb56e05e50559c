import type { Alert } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import type { AlertingStore, CustomerCommit, StoredSilence } from './alerting-types.js';

type Factory = () => Promise<AlertingStore>;
let counter = 0;
const unique = (label: string): string =>
  `${label}-${String(process.pid)}-${String(Date.now())}-${String(++counter)}`;
const iso = (ms: number): string => new Date(ms).toISOString();

/** A valid alert whose fingerprint is unique per call, so customers of one shared index never collide. */
function alert(customer: string, status: 'firing' | 'resolved' = 'firing'): Alert {
  const fingerprint = (BigInt(Date.now()) * 1000n + BigInt(++counter)).toString(16).padStart(16, '0');
  return {
    labels: { customer, rule: 'overall-below-warning', severity: 'warning' },
    fingerprint,
    status,
    startsAt: iso(1_000),
    ...(status === 'resolved' ? { endsAt: iso(2_000) } : {}),
    summary: `Trust in ${customer} fell below the warning threshold`,
    score: { before: 70, after: 55 },
    factors: [],
    evidence: [],
    dashboardUrl: `https://dashboard.example/customers/${customer}`,
  };
}

function commit(partial: Partial<CustomerCommit> & { expectedRev: number }): CustomerCommit {
  return {
    state: '{"s":1}',
    dispatch: '{"d":1}',
    alerts: [],
    notified: [],
    pending: [],
    nextDueAt: null,
    now: 5_000,
    ...partial,
  };
}

function silence(id: string, startsAt: number, endsAt: number): StoredSilence {
  return {
    id,
    matchers: [{ name: 'customer', op: '=', value: 'acme' }],
    startsAt: iso(startsAt),
    endsAt: iso(endsAt),
    createdBy: 'soc-oncall',
    comment: 'firmware rollout window',
    createdAt: iso(startsAt),
    updatedAt: iso(startsAt),
  };
}

/** The alerting store contract: every adapter gives the same answers. */
export function alertingStoreContract(name: string, factory: Factory): void {
  describe(`alerting store contract (${name})`, () => {
    it('starts a customer at revision 0 and commits only on the revision it read', async () => {
      const store = await factory();
      const customer = unique('cust');
      expect(await store.loadCustomer(customer)).toEqual({
        rev: 0,
        state: null,
        dispatch: null,
        pending: [],
      });
      expect(await store.commitCustomer(customer, commit({ expectedRev: 0, state: 'A' }))).toBe('committed');
      expect(await store.commitCustomer(customer, commit({ expectedRev: 0, state: 'B' }))).toBe('conflict');
      expect(await store.loadCustomer(customer)).toMatchObject({ rev: 1, state: 'A', dispatch: '{"d":1}' });
    });

    it('applies one trust change once: a redelivered event is a duplicate and writes nothing', async () => {
      const store = await factory();
      const customer = unique('cust');
      const first = alert(customer);
      expect(
        await store.commitCustomer(customer, commit({ expectedRev: 0, eventId: 'evt-1', alerts: [first] })),
      ).toBe('committed');
      const again = commit({ expectedRev: 1, eventId: 'evt-1', state: 'changed', alerts: [alert(customer)] });
      expect(await store.commitCustomer(customer, again)).toBe('duplicate');
      expect((await store.loadCustomer(customer)).rev).toBe(1);
      expect((await store.listAlerts({ customers: [customer], limit: 10 })).items).toHaveLength(1);
      // Not even the due index moves: the redelivery's due time was computed from a state that has it.
      const late = commit({ expectedRev: 1, eventId: 'evt-1', nextDueAt: 1 });
      expect(await store.commitCustomer(customer, late)).toBe('duplicate');
      expect(await store.dueCustomers(1, 1000)).not.toContain(customer);
    });

    it('keeps pending notifications until cleared and marks the customer due at once while they wait', async () => {
      const store = await factory();
      const customer = unique('cust');
      const pending = [
        { id: 'ntf_b', json: '{"n":2}' },
        { id: 'ntf_a', json: '{"n":1}' },
      ];
      await store.commitCustomer(
        customer,
        commit({ expectedRev: 0, pending, nextDueAt: 90_000, now: 10_000 }),
      );
      expect((await store.loadCustomer(customer)).pending.map((p) => p.id)).toEqual(['ntf_a', 'ntf_b']);
      expect(await store.dueCustomers(10_000, 10)).toContain(customer);
      await store.clearPending(customer, ['ntf_a'], 90_000);
      expect(await store.dueCustomers(10_000, 1000)).toContain(customer);
      await store.clearPending(customer, ['ntf_b'], 90_000);
      expect((await store.loadCustomer(customer)).pending).toEqual([]);
      expect(await store.dueCustomers(89_999, 1000)).not.toContain(customer);
      expect(await store.dueCustomers(90_000, 1000)).toContain(customer);
    });

    it('lists due customers earliest first up to now and forgets a customer with nothing due', async () => {
      const store = await factory();
      const [late, early, idle] = [unique('late'), unique('early'), unique('idle')];
      await store.commitCustomer(late, commit({ expectedRev: 0, nextDueAt: 3_000 }));
      await store.commitCustomer(early, commit({ expectedRev: 0, nextDueAt: 2_000 }));
      await store.commitCustomer(idle, commit({ expectedRev: 0, nextDueAt: 2_500 }));
      await store.commitCustomer(idle, commit({ expectedRev: 1, nextDueAt: null }));
      const due = (await store.dueCustomers(3_000, 1000)).filter((c) => [late, early, idle].includes(c));
      expect(due).toEqual([early, late]);
      expect((await store.dueCustomers(2_999, 1000)).includes(late)).toBe(false);
    });

    it('lists alerts by fingerprint, filtered by customer and status, page by page', async () => {
      const store = await factory();
      const [a, b] = [unique('a'), unique('b')];
      const alertsA = [alert(a), alert(a, 'resolved'), alert(a)];
      await store.commitCustomer(a, commit({ expectedRev: 0, alerts: alertsA }));
      await store.commitCustomer(b, commit({ expectedRev: 0, alerts: [alert(b)] }));
      const firing = await store.listAlerts({ customers: [a], status: 'firing', limit: 1 });
      expect(firing.items.map((v) => v.alert.fingerprint)).toEqual([alertsA[0]?.fingerprint]);
      const rest = await store.listAlerts({
        customers: [a],
        status: 'firing',
        limit: 1,
        after: firing.next ?? '',
      });
      expect(rest).toEqual({ items: [expect.objectContaining({ alert: alertsA[2] })], next: null });
      const all = await store.listAlerts({
        customers: 'all',
        limit: 1000,
        after: alertsA[0]?.fingerprint ?? '',
      });
      const mine = all.items.filter((v) => [a, b].includes(v.alert.labels.customer));
      expect(mine.map((v) => v.alert.labels.customer)).toEqual([a, a, b]);
    });

    it('records when an alert was notified and keeps an acknowledgement across later versions', async () => {
      const store = await factory();
      const customer = unique('cust');
      const first = alert(customer);
      await store.commitCustomer(customer, commit({ expectedRev: 0, alerts: [first] }));
      const ack = { by: 'soc-oncall', at: iso(6_000), comment: 'looking' };
      expect(await store.acknowledgeAlert(first.fingerprint, ack)).toMatchObject({
        acknowledged: ack,
        notifiedAt: null,
      });
      const updated = { ...first, score: { before: 55, after: 40 } };
      await store.commitCustomer(
        customer,
        commit({ expectedRev: 1, alerts: [updated], notified: [first.fingerprint], now: 7_000 }),
      );
      expect(await store.getAlert(first.fingerprint)).toEqual({
        alert: updated,
        notifiedAt: 7_000,
        acknowledged: ack,
      });
      expect(await store.acknowledgeAlert('0123456789abcdef', ack)).toBeNull();
      expect(await store.getAlert('0123456789abcdef')).toBeNull();
    });

    it('creates a silence once, lists silences by id and refuses a second silence with the same id', async () => {
      const store = await factory();
      const [first, second] = [unique('sil-1'), unique('sil-2')];
      expect(await store.createSilence(silence(second, 1_000, 9_000))).toBe(true);
      expect(await store.createSilence(silence(first, 1_000, 9_000))).toBe(true);
      expect(await store.createSilence({ ...silence(first, 1_000, 9_000), comment: 'other' })).toBe(false);
      const listed = (await store.listSilences()).filter((s) => [first, second].includes(s.id));
      expect(listed.map((s) => s.id)).toEqual([first, second].sort());
      expect((await store.getSilence(first))?.comment).toBe('firmware rollout window');
    });

    it('expires an active silence now, a pending one before it starts, and leaves an expired one alone', async () => {
      const store = await factory();
      const [active, pending, over] = [unique('sil-a'), unique('sil-p'), unique('sil-e')];
      await store.createSilence(silence(active, 1_000, 9_000));
      await store.createSilence(silence(pending, 8_000, 9_000));
      await store.createSilence(silence(over, 1_000, 2_000));
      expect(await store.expireSilence(active, iso(5_000))).toMatchObject({
        startsAt: iso(1_000),
        endsAt: iso(5_000),
        updatedAt: iso(5_000),
      });
      expect(await store.expireSilence(pending, iso(5_000))).toMatchObject({
        startsAt: iso(5_000),
        endsAt: iso(5_000),
      });
      expect(await store.expireSilence(over, iso(5_000))).toEqual(silence(over, 1_000, 2_000));
      expect(await store.getSilence(active)).toMatchObject({ endsAt: iso(5_000) });
      expect(await store.expireSilence(unique('missing'), iso(5_000))).toBeNull();
    });

    it('prunes silences that ended before a given instant and keeps the rest', async () => {
      const store = await factory();
      const [old, current] = [unique('sil-old'), unique('sil-cur')];
      await store.createSilence(silence(old, 1_000, 2_000));
      await store.createSilence(silence(current, 1_000, 9_000_000_000_000));
      expect(await store.pruneSilences(3_000)).toBeGreaterThanOrEqual(1);
      expect(await store.getSilence(old)).toBeNull();
      expect(await store.getSilence(current)).not.toBeNull();
    });

    it('keeps named rules and receivers by name, a put replacing the previous version', async () => {
      const store = await factory();
      const [x, y] = [unique('rule-x'), unique('rule-y')];
      await store.putNamed('rules', { name: y, below: 60 });
      await store.putNamed('rules', { name: x, below: 40 });
      await store.putNamed('rules', { name: y, below: 50 });
      const rules = (await store.listNamed('rules')).filter((r) => [x, y].includes(r.name));
      expect(rules).toEqual([
        { name: x, below: 40 },
        { name: y, below: 50 },
      ]);
      expect((await store.listNamed('receivers')).some((r) => r.name === x)).toBe(false);
    });
  });
}
