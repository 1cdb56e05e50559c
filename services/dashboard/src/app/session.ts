// The API key lives in sessionStorage: it survives a reload but not closing the tab, and no cookie
// carries it, so other sites cannot make requests with it.
const KEY = 'trustwatch.apiKey';

/** The signed-in API key, or null. */
export function storedKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
}
