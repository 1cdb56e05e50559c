import { absoluteTime, relativeTime } from '../format.js';

/** A time shown both ways: "3 hours ago (24 Nov 2026, 18:30)", machine-readable in `datetime`. */
export function When({ iso, now = Date.now() }: { readonly iso: string; readonly now?: number }) {
  return (
    <time dateTime={iso}>
      {relativeTime(iso, now)} <span class="muted">({absoluteTime(iso)})</span>
    </time>
  );
}
