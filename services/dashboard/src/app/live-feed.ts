import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { FeedEntry } from './api.js';

// As the API's `retry:` line advises: wait this long before reconnecting after a dropped stream.
const RETRY_MS = 3000;

/**
 * Follows a customer's live feed (Server-Sent Events). The browser's EventSource cannot send the API
 * key header, so the stream is read with fetch and parsed by eventsource-parser; a dropped stream is
 * resumed from the last entry seen (`Last-Event-ID`), so no entry is missed. Returns a stop function.
 */
export function followLiveFeed(
  key: string,
  customerId: string,
  onEntry: (entry: FeedEntry) => void,
  onState: (connected: boolean) => void,
): () => void {
  const stop = new AbortController();
  let lastId: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = async (): Promise<void> => {
    try {
      const res = await fetch(`/v1/customers/${encodeURIComponent(customerId)}/feed/live`, {
        headers: { 'x-api-key': key, ...(lastId === undefined ? {} : { 'last-event-id': lastId }) },
        signal: stop.signal,
      });
      if (!res.ok || res.body === null) throw new Error(`live feed refused (${String(res.status)})`);
      onState(true);
      // A reader loop rather than `for await`: older Safari cannot iterate a ReadableStream.
      const events = res.body
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream())
        .getReader();
      for (let next = await events.read(); !next.done; next = await events.read()) {
        const event = next.value;
        if (event.event !== 'trust.changed' || event.id === undefined) continue;
        lastId = event.id;
        onEntry({ id: event.id, change: JSON.parse(event.data) as FeedEntry['change'] });
      }
    } catch {
      // Dropped or refused: reconnect below unless the page has stopped following.
    }
    onState(false);
    if (!stop.signal.aborted) timer = setTimeout(() => void connect(), RETRY_MS);
  };
  void connect();
  return () => {
    stop.abort();
    clearTimeout(timer);
  };
}
