import { useEffect, useState } from 'preact/hooks';

/** The pages, addressed by the URL fragment so the API serves one page for all of them. */
export type Route =
  | { readonly page: 'portfolio' }
  | { readonly page: 'customer'; readonly customerId: string }
  | { readonly page: 'alerts' }
  | { readonly page: 'silences' };

/** Reads a fragment like `#/customers/acme`; anything unknown is the portfolio. */
export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((p) => p !== '');
  const [first, second] = parts;
  if (first === 'customers' && second !== undefined)
    return { page: 'customer', customerId: decodeURIComponent(second) };
  if (first === 'alerts') return { page: 'alerts' };
  if (first === 'silences') return { page: 'silences' };
  return { page: 'portfolio' };
}

/** The fragment of a route, for links. */
export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'portfolio':
      return '#/';
    case 'customer':
      return `#/customers/${encodeURIComponent(route.customerId)}`;
    case 'alerts':
      return '#/alerts';
    case 'silences':
      return '#/silences';
  }
}

/** The current route, following fragment changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
