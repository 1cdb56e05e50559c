import { randomUUID } from 'node:crypto';
import { silenceIdAt, type AlertingStore, type StoredSilence } from '@trustwatch/store';
import { ApiError } from '../errors.js';
import { SILENCE_LABELS, type Silence, type SilencePort } from '../ports/alerting.js';

type ApiMatcher = Silence['matchers'][number];
type SilenceLabel = (typeof SILENCE_LABELS)[number];
const isSilenceLabel = (name: string): name is SilenceLabel =>
  (SILENCE_LABELS as readonly string[]).includes(name);

function statusAt(silence: StoredSilence, now: number): Silence['status'] {
  if (Date.parse(silence.endsAt) <= now) return 'expired';
  return Date.parse(silence.startsAt) > now ? 'pending' : 'active';
}

/**
 * The API's view of a stored silence. The API speaks equality matchers on the four alert labels; a
 * silence written elsewhere (the CLI, a config) may hold regex matchers or the `team` label: a regex
 * shows as its pattern (equal for `=~`), a label the API cannot name is left out of the view.
 */
export function toApiSilence(silence: StoredSilence, now: number): Silence {
  const matchers: ApiMatcher[] = [];
  for (const m of silence.matchers) {
    if (isSilenceLabel(m.name) && m.value !== '') {
      matchers.push({ label: m.name, value: m.value, equal: m.op === '=' || m.op === '=~' });
    }
  }
  return {
    id: silence.id,
    matchers,
    startsAt: silence.startsAt,
    endsAt: silence.endsAt,
    comment: silence.comment,
    createdBy: silence.createdBy,
    status: statusAt(silence, now),
  };
}

/** The SilencePort over the persisted alerting store: the alerter reads the same silences. */
export function createStoreSilencePort(store: AlertingStore, now: () => number = Date.now): SilencePort {
  return {
    async create(input) {
      const at = new Date(now()).toISOString();
      const silence: StoredSilence = {
        id: silenceIdAt(now(), randomUUID()),
        matchers: input.matchers.map((m) => ({ name: m.label, op: m.equal ? '=' : '!=', value: m.value })),
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        createdBy: input.createdBy,
        comment: input.comment,
        createdAt: at,
        updatedAt: at,
      };
      if (!(await store.createSilence(silence))) {
        throw new ApiError('CONFLICT', 'the silence store is full; expire or prune silences first');
      }
      return toApiSilence(silence, now());
    },
    async list(query) {
      const all = await store.listSilences();
      const after = query.after;
      const rest = after === undefined ? all : all.filter((s) => s.id > after);
      const items = rest.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map((s) => toApiSilence(s, now())),
        next: rest.length > items.length && last !== undefined ? last.id : null,
      };
    },
    async expire(id, at) {
      const expired = await store.expireSilence(id, at);
      return expired === null ? null : toApiSilence(expired, now());
    },
  };
}
