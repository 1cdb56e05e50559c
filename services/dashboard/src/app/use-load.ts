import { useCallback, useEffect, useState } from 'preact/hooks';

/** A value loaded from the API: loading, loaded, or failed with a message for the page. */
export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly value: T }
  | { readonly state: 'failed'; readonly message: string };

/**
 * Loads once per change of `deps` and again on `reload()`; a response that arrives after the page
 * moved on is dropped, so a slow answer never overwrites a newer one.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (value) => {
        if (current) setLoaded({ state: 'ready', value });
      },
      (err: unknown) => {
        if (current)
          setLoaded({ state: 'failed', message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => {
      current = false;
    };
    // The caller names what the load depends on; `load` itself is a new closure on every render.
  }, [...deps, round]);
  return [loaded, useCallback(() => setRound((r) => r + 1), [])];
}
