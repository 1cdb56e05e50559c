import { useEffect, useState } from 'preact/hooks';
import { call, seg, type FeedEntry, type Page } from '../api.js';
import { FeedItem } from '../components/feed-entry.js';
import { followLiveFeed } from '../live-feed.js';

// Entries kept on screen; older ones are in the API's paged feed.
const SHOWN = 20;

/** The customer's feed: the latest changes, with new ones added at the top as they arrive. */
export function LiveFeedPanel({
  apiKey,
  customerId,
}: {
  readonly apiKey: string;
  readonly customerId: string;
}) {
  const [entries, setEntries] = useState<FeedEntry[]>([]);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    setEntries([]);
    setFresh(new Set());
    let active = true;
    void call<Page<FeedEntry>>(apiKey, `/v1/customers/${seg(customerId)}/feed?limit=${String(SHOWN)}`).then(
      (page) => {
        // Live entries may already have arrived; keep each entry once, newest first.
        if (active) setEntries((live) => merge(live, page.items));
      },
      () => undefined,
    );
    const stop = followLiveFeed(
      apiKey,
      customerId,
      (entry) => {
        setEntries((shown) => merge([entry], shown));
        setFresh((ids) => new Set([...ids, entry.id]));
      },
      setConnected,
    );
    return () => {
      active = false;
      stop();
    };
  }, [apiKey, customerId]);
  return (
    <section aria-labelledby="feed-title">
      <h2 id="feed-title">What changed</h2>
      <p class="muted" role="status">
        {connected ? 'Live: new changes appear here as they happen.' : 'Connecting to live updates…'}
      </p>
      {entries.length === 0 ? (
        <p>No changes recorded yet.</p>
      ) : (
        <ol class="feed" aria-live="polite">
          {entries.map((entry) => (
            <FeedItem key={entry.id} entry={entry} fresh={fresh.has(entry.id)} />
          ))}
        </ol>
      )}
    </section>
  );
}

function merge(newer: readonly FeedEntry[], older: readonly FeedEntry[]): FeedEntry[] {
  const seen = new Set<string>();
  return [...newer, ...older].filter((e) => !seen.has(e.id) && seen.add(e.id)).slice(0, SHOWN);
}
