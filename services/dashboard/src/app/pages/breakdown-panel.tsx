import type { Breakdown, Scored } from '../api.js';
import { ScoreBadge } from '../components/score-badge.js';
import { When } from '../components/when.js';
import { isWebLink, kindLabel } from '../format.js';

/** Why the score is what it is: per vendor, every factor, the points it takes off, and its evidence. */
export function BreakdownPanel({
  breakdown,
  bands,
}: {
  readonly breakdown: Breakdown;
  readonly bands: ReadonlyMap<string, string | null>;
}) {
  return (
    <section aria-labelledby="why-title">
      <h2 id="why-title">Why this score</h2>
      {breakdown.vendors.length === 0 ? (
        <p>Nothing is currently known against this customer's vendors.</p>
      ) : null}
      {breakdown.vendors.map((vendor) => (
        <article key={vendor.vendorId} class="vendor">
          <h3>
            {vendor.vendorId}: <ScoreBadge score={vendor.score} band={bands.get(vendor.vendorId) ?? null} />
          </h3>
          <FactorTable scored={vendor} caption={`What lowers trust in ${vendor.vendorId}`} />
        </article>
      ))}
    </section>
  );
}

function FactorTable({ scored, caption }: { readonly scored: Scored; readonly caption: string }) {
  if (scored.factors.length === 0) return <p class="muted">No factors.</p>;
  const sorted = [...scored.factors].sort((a, b) => b.points - a.points);
  return (
    <table class="factors">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">What happened</th>
          <th scope="col">Points off</th>
          <th scope="col">When</th>
          <th scope="col">Evidence</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map(({ factor, points }) => (
          <tr key={factor.id}>
            <td data-label="What happened">
              <strong>{kindLabel(factor.kind)}</strong>
              <br />
              {factor.summary}
            </td>
            <td data-label="Points off">{points.toFixed(1)}</td>
            <td data-label="When">
              <When iso={factor.occurredAt} />
            </td>
            <td data-label="Evidence">
              <ul class="links">
                {factor.evidence.urls.filter(isWebLink).map((url) => (
                  <li key={url}>
                    <a href={url} rel="noopener noreferrer" target="_blank">
                      {new URL(url).hostname}
                    </a>
                  </li>
                ))}
                {factor.evidence.eventIds.length > 0 ? (
                  <li class="muted">{factor.evidence.eventIds.length} source event(s)</li>
                ) : null}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
