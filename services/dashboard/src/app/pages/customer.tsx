import type { ScoreSummary } from '@trustwatch/schemas';
import { call, seg, type Breakdown, type CustomerView } from '../api.js';
import { Show } from '../components/notice.js';
import { ScoreBadge } from '../components/score-badge.js';
import { ScoreChart } from '../components/score-chart.js';
import { When } from '../components/when.js';
import { useLoad } from '../use-load.js';
import { BreakdownPanel } from './breakdown-panel.js';
import { FleetPanel } from './fleet-panel.js';
import { LiveFeedPanel } from './live-feed-panel.js';

interface CustomerData {
  readonly view: CustomerView;
  readonly history: ScoreSummary[];
  readonly breakdown: Breakdown;
}

/** One customer: score now and over time per vendor, why, what changed (live), and the fleet. */
export function Customer({ apiKey, customerId }: { readonly apiKey: string; readonly customerId: string }) {
  const base = `/v1/customers/${seg(customerId)}`;
  const [loaded] = useLoad(async (): Promise<CustomerData> => {
    const [view, history, breakdown] = await Promise.all([
      call<CustomerView>(apiKey, base),
      call<{ items: ScoreSummary[] }>(apiKey, `${base}/trust/history?points=100`),
      call<Breakdown>(apiKey, `${base}/trust/breakdown`),
    ]);
    return { view, history: history.items, breakdown };
  }, [apiKey, customerId]);
  return (
    <Show loaded={loaded}>
      {({ view, history, breakdown }) => {
        const bands = new Map((view.summary?.vendors ?? []).map((v) => [v.vendorId, v.band]));
        return (
          <>
            <p class="crumbs">
              <a href="#/">← All customers</a>
            </p>
            <h1>{view.name}</h1>
            {view.summary === null ? (
              <p>No trust score has been recorded for this customer yet.</p>
            ) : (
              <p class="headline">
                Trust score <ScoreBadge score={view.summary.overall.score} band={view.summary.overall.band} />
                , updated <When iso={view.summary.at} />
              </p>
            )}
            <section aria-labelledby="chart-title">
              <h2 id="chart-title">Trust over the last 30 days, per vendor</h2>
              <ScoreChart history={history} />
            </section>
            <div class="columns">
              <BreakdownPanel breakdown={breakdown} bands={bands} />
              <LiveFeedPanel apiKey={apiKey} customerId={customerId} />
            </div>
            <FleetPanel apiKey={apiKey} customerId={customerId} />
          </>
        );
      }}
    </Show>
  );
}
