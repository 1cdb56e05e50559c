/** One page of a listing: `next` is the key to pass back as `after`, null on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

/** Keyset pagination over any port: items strictly after `after` in the port's stable order. */
export interface PageQuery {
  readonly limit: number;
  readonly after?: string;
}
