import type { DestinationStream } from 'pino';

/** A destination that keeps every line in memory, for tests that assert what was logged. */
export interface MemoryDestination extends DestinationStream {
  /** Every line written so far, as raw text. */
  readonly text: () => string;
  /** Every line written so far, parsed. */
  readonly records: () => Record<string, unknown>[];
}

/** Creates an in-memory destination for {@link createLogger}'s `destination` option. */
export function memoryDestination(): MemoryDestination {
  const lines: string[] = [];
  return {
    write(line: string) {
      lines.push(line);
    },
    text: () => lines.join(''),
    records: () =>
      lines
        .join('')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
