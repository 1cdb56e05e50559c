import { useState } from 'preact/hooks';
import { call, type Page, type PortfolioItem } from '../api.js';
import { Show } from '../components/notice.js';
import { ScoreBadge } from '../components/score-badge.js';
import { Sparkline } from '../components/sparkline.js';
import { When } from '../components/when.js';
import { hrefOf } from '../router.js';
import { useLoad } from '../use-load.js';

/** The portfolio: every customer the reader may see, with score, last month's trend and open alerts. */
export function Portfolio({ apiKey }: { readonly apiKey: string }) {
  const [loaded] = useLoad(() => call<Page<PortfolioItem>>(apiKey, '/v1/portfolio?limit=100'), [apiKey]);
  // Later pages, fetched on request: a large portfolio is not loaded all at once.
  const [later, setLater] = useState<Page<PortfolioItem> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const showMore = async (cursor: string) => {
    try {
      const page = await call<Page<PortfolioItem>>(apiKey, `/v1/portfolio?limit=100&cursor=${cursor}`);
      setLater((shown) => ({ items: [...(shown?.items ?? []), ...page.items], next: page.next }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const next = loaded.state !== 'ready' ? null : later === null ? loaded.value.next : later.next;
  return (
    <>
      <h1>Customers</h1>
      <p class="muted">Trust scores run from 0 (no trust) to 100 (nothing known against it).</p>
      <Show loaded={loaded}>
        {(first) => {
          const items = [...first.items, ...(later?.items ?? [])];
          return items.length === 0 ? (
            <p>No customers yet.</p>
          ) : (
            <table class="portfolio">
              <caption class="visually-hidden">Customers with their trust score</caption>
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Trust score</th>
                  <th scope="col">Last 30 days</th>
                  <th scope="col">Open alerts</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <a href={hrefOf({ page: 'customer', customerId: c.id })}>{c.name}</a>
                    </th>
                    <td data-label="Trust score">
                      {c.summary === null ? (
                        <span class="muted">no score yet</span>
                      ) : (
                        <ScoreBadge score={c.summary.overall.score} band={c.summary.overall.band} />
                      )}
                    </td>
                    <td data-label="Last 30 days">
                      <Sparkline points={c.trend.map((p) => p.score)} label={trendWords(c)} />
                    </td>
                    <td data-label="Open alerts">{c.openAlerts >= 100 ? '100+' : c.openAlerts}</td>
                    <td data-label="Updated">{c.summary === null ? '—' : <When iso={c.summary.at} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </Show>
      {next === null ? null : (
        <button type="button" onClick={() => void showMore(next)}>
          Show more customers
        </button>
      )}
      {error === null ? null : (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** The sparkline said in words, for screen readers. */
function trendWords(c: PortfolioItem): string {
  const first = c.trend[0]?.score;
  const last = c.trend.at(-1)?.score;
  if (first === undefined || last === undefined) return 'no trend yet';
  return `Trend over 30 days: from ${String(Math.round(first))} to ${String(Math.round(last))}`;
}
