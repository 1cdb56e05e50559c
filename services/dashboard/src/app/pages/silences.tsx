import { useState } from 'preact/hooks';
import { call, seg, type Me, type Page, type Silence, type SilenceInput } from '../api.js';
import { Show } from '../components/notice.js';
import { When } from '../components/when.js';
import { useLoad } from '../use-load.js';

const DURATIONS: readonly { label: string; hours: number }[] = [
  { label: '1 hour', hours: 1 },
  { label: '4 hours', hours: 4 },
  { label: '1 day', hours: 24 },
  { label: '1 week', hours: 168 },
];
const STATUS_WORDS: Readonly<Record<Silence['status'], string>> = {
  pending: 'Starts later',
  active: 'Active',
  expired: 'Ended',
};

/** Silences: quiet the alerts of a customer (or one of its vendors) for a while, with a reason. */
export function Silences({ apiKey, me }: { readonly apiKey: string; readonly me: Me }) {
  const [loaded, reload] = useLoad(() => call<Page<Silence>>(apiKey, '/v1/silences?limit=100'), [apiKey]);
  if (me.role === 'account_manager')
    return (
      <>
        <h1>Silences</h1>
        <p>Silences are managed by the security team. Ask them if an alert about your customer is noise.</p>
      </>
    );
  return (
    <>
      <h1>Silences</h1>
      <p class="muted">A silence stops alerts that match it from being sent until it ends.</p>
      <NewSilence apiKey={apiKey} onCreated={reload} />
      <h2>All silences</h2>
      <Show loaded={loaded}>
        {(page) =>
          page.items.length === 0 ? (
            <p>No silences yet.</p>
          ) : (
            <ul class="cards">
              {[...page.items].reverse().map((s) => (
                <SilenceCard key={s.id} apiKey={apiKey} silence={s} onChange={reload} />
              ))}
            </ul>
          )
        }
      </Show>
    </>
  );
}

function NewSilence({ apiKey, onCreated }: { readonly apiKey: string; readonly onCreated: () => void }) {
  const [customer, setCustomer] = useState('');
  const [vendor, setVendor] = useState('');
  const [hours, setHours] = useState(4);
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const input: SilenceInput = {
      matchers: [
        { label: 'customer', value: customer.trim(), equal: true },
        ...(vendor.trim() === '' ? [] : [{ label: 'vendor' as const, value: vendor.trim(), equal: true }]),
      ],
      endsAt: new Date(Date.now() + hours * 3_600_000).toISOString(),
      comment: comment.trim(),
    };
    try {
      await call(apiKey, '/v1/silences', { method: 'POST', body: JSON.stringify(input) });
      setMessage({ ok: true, text: `Silence created for ${customer.trim()}.` });
      setComment('');
      onCreated();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <form class="silence-form" onSubmit={(e) => void submit(e)} aria-labelledby="new-silence">
      <h2 id="new-silence">New silence</h2>
      <label for="silence-customer">Customer id</label>
      <input
        id="silence-customer"
        required
        maxLength={256}
        value={customer}
        onInput={(e) => setCustomer(e.currentTarget.value)}
      />
      <label for="silence-vendor">Vendor id (optional: leave empty for every vendor)</label>
      <input
        id="silence-vendor"
        maxLength={256}
        value={vendor}
        onInput={(e) => setVendor(e.currentTarget.value)}
      />
      <label for="silence-duration">For how long</label>
      <select
        id="silence-duration"
        value={String(hours)}
        onChange={(e) => setHours(Number(e.currentTarget.value))}
      >
        {DURATIONS.map((d) => (
          <option key={d.hours} value={String(d.hours)}>
            {d.label}
          </option>
        ))}
      </select>
      <label for="silence-comment">Reason</label>
      <textarea
        id="silence-comment"
        required
        maxLength={1000}
        value={comment}
        onInput={(e) => setComment(e.currentTarget.value)}
      />
      <button type="submit">Create silence</button>
      {message === null ? null : (
        <p class={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </form>
  );
}

function SilenceCard({
  apiKey,
  silence,
  onChange,
}: {
  readonly apiKey: string;
  readonly silence: Silence;
  readonly onChange: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const expire = async () => {
    try {
      await call(apiKey, `/v1/silences/${seg(silence.id)}`, { method: 'DELETE' });
      onChange();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const what = silence.matchers
    .map((m) => `${m.label} ${m.equal ? 'is' : 'is not'} ${m.value}`)
    .join(' and ');
  return (
    <li class={`card silence-${silence.status}`}>
      <h3>{what}</h3>
      <p>
        <strong>{STATUS_WORDS[silence.status]}</strong> · ends <When iso={silence.endsAt} />
      </p>
      <p>
        “{silence.comment}” (by {silence.createdBy})
      </p>
      {silence.status === 'expired' ? null : (
        <button type="button" onClick={() => void expire()}>
          End now
        </button>
      )}
      {error === null ? null : (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
