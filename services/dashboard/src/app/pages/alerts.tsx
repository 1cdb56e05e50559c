import { useState } from 'preact/hooks';
import { call, seg, type AlertRecord, type Me, type Page } from '../api.js';
import { Show } from '../components/notice.js';
import { When } from '../components/when.js';
import { hrefOf } from '../router.js';
import { useLoad } from '../use-load.js';

const SEVERITY_WORDS: Readonly<Record<AlertRecord['alert']['labels']['severity'], string>> = {
  info: 'For information',
  warning: 'Warning',
  critical: 'Critical',
};

/** Alerts that are firing now, newest trouble first; security and admins acknowledge them. */
export function Alerts({ apiKey, me }: { readonly apiKey: string; readonly me: Me }) {
  const [loaded, reload] = useLoad(
    () => call<Page<AlertRecord>>(apiKey, '/v1/alerts?status=firing&limit=100'),
    [apiKey],
  );
  const canAct = me.role !== 'account_manager';
  return (
    <>
      <h1>Alerts</h1>
      <p class="muted">Alerts firing now. Acknowledging tells the team someone is looking at it.</p>
      <Show loaded={loaded}>
        {(page) =>
          page.items.length === 0 ? (
            <p>No alerts are firing.</p>
          ) : (
            <ul class="cards">
              {[...page.items]
                .sort((a, b) => b.alert.startsAt.localeCompare(a.alert.startsAt))
                .map((record) => (
                  <AlertCard
                    key={record.alert.fingerprint}
                    apiKey={apiKey}
                    record={record}
                    canAct={canAct}
                    onChange={reload}
                  />
                ))}
            </ul>
          )
        }
      </Show>
    </>
  );
}

function AlertCard({
  apiKey,
  record,
  canAct,
  onChange,
}: {
  readonly apiKey: string;
  readonly record: AlertRecord;
  readonly canAct: boolean;
  readonly onChange: () => void;
}) {
  const { alert, acknowledged } = record;
  const [error, setError] = useState<string | null>(null);
  const { severity, customer, vendor } = alert.labels;
  const acknowledge = async () => {
    try {
      await call(apiKey, `/v1/alerts/${seg(alert.fingerprint)}/acknowledge`, {
        method: 'POST',
        body: JSON.stringify({}),
      });
      onChange();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <li class={`card severity-${severity}`}>
      <h2>{alert.summary}</h2>
      <p>
        <strong>{SEVERITY_WORDS[severity]}</strong> · started <When iso={alert.startsAt} />
        {' · '}
        <a href={hrefOf({ page: 'customer', customerId: customer })}>
          {vendor === undefined ? `open ${customer}` : `open ${customer} (${vendor})`}
        </a>
      </p>
      <p>
        Score went from {Math.round(alert.score.before)} to {Math.round(alert.score.after)}.
      </p>
      {acknowledged === null ? (
        canAct ? (
          <button type="button" onClick={() => void acknowledge()}>
            Acknowledge
          </button>
        ) : (
          <p class="muted">Not yet acknowledged.</p>
        )
      ) : (
        <p class="ok">
          Acknowledged by {acknowledged.by} <When iso={acknowledged.at} />
        </p>
      )}
      {error === null ? null : (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
