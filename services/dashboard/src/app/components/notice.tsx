import type { ComponentChildren } from 'preact';
import type { Loaded } from '../use-load.js';

/** Renders a loaded value, or a polite "Loading…" / an alert with the failure in words. */
export function Show<T>({
  loaded,
  children,
}: {
  readonly loaded: Loaded<T>;
  readonly children: (value: T) => ComponentChildren;
}) {
  if (loaded.state === 'loading')
    return (
      <p class="muted" role="status">
        Loading…
      </p>
    );
  if (loaded.state === 'failed')
    return (
      <p class="error" role="alert">
        {loaded.message}
      </p>
    );
  return <>{children(loaded.value)}</>;
}
