import type { FeedEntry } from '../api.js';
import { isWebLink, kindLabel, signedPoints } from '../format.js';
import { When } from './when.js';

/** One trust change in words: what moved and by how much, why, and the sources behind it. */
export function FeedItem({ entry, fresh }: { readonly entry: FeedEntry; readonly fresh: boolean }) {
  const { change } = entry;
  const move = change.overall.after - change.overall.before;
  return (
    <li class={fresh ? 'feed-item fresh' : 'feed-item'}>
      <p>
        <strong>
          Overall {Math.round(change.overall.before)} → {Math.round(change.overall.after)} (
          {signedPoints(move)})
        </strong>{' '}
        <When iso={change.at} />
        {fresh ? <span class="tag">new</span> : null}
      </p>
      {change.vendors.length === 0 ? null : (
        <p>
          {change.vendors
            .map((v) => `${v.vendorId}: ${String(Math.round(v.before))} → ${String(Math.round(v.after))}`)
            .join(' · ')}
        </p>
      )}
      {change.crossings.map((c) => (
        <p key={`${c.threshold}-${c.direction}`} class="crossing">
          {c.direction === 'down' ? 'Fell below' : 'Rose back above'} the {c.threshold} level ({c.value})
          {c.scope.level === 'vendor' ? ` for ${c.scope.vendorId}` : ''}
        </p>
      ))}
      {change.factors.length === 0 ? null : (
        <ul class="reasons">
          {change.factors.map((f) => (
            <li key={f.id}>
              {kindLabel(f.kind)} ({f.change}): {f.summary}
            </li>
          ))}
        </ul>
      )}
      {change.evidence.length === 0 ? null : (
        <p class="sources">
          Sources:{' '}
          {change.evidence
            .filter((e) => isWebLink(e.url))
            .map((e, i) => (
              <>
                {i === 0 ? null : ', '}
                <a key={e.url} href={e.url} rel="noopener noreferrer" target="_blank">
                  {e.outlet ?? new URL(e.url).hostname}
                </a>
              </>
            ))}
        </p>
      )}
    </li>
  );
}
