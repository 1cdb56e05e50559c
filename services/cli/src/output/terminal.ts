import picocolors from 'picocolors';
import type { CliEnv } from '../config.js';

/** The colour functions the renderers use; all identity functions when colour is off. */
export type Palette = Pick<
  ReturnType<typeof picocolors.createColors>,
  'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan' | 'magenta'
>;

/** Where a command writes, and how: everything a command needs from the process, injectable in tests. */
export interface Terminal {
  /** Writes text to stdout as given (add the newline yourself). */
  out(text: string): void;
  /** Writes text to stderr as given. */
  err(text: string): void;
  readonly color: Palette;
  /** True when stdout is an interactive terminal (progress and pacing make sense). */
  readonly interactive: boolean;
  /** Waits in real time; tests pass one that returns at once. */
  wait(ms: number): Promise<void>;
  /**
   * Shows (or with null, clears) a one-line progress note on stderr, overwritten in place; does
   * nothing when stderr is not a terminal, so logs and pipes never see it.
   */
  progress(text: string | null): void;
}

/** The part of a Node stream the terminal looks at. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * Colour when stdout is a terminal, unless `NO_COLOR` is set; `FORCE_COLOR` turns it on for pipes
 * (`NO_COLOR` wins over both, as no-color.org asks).
 */
export function wantsColor(stream: OutputStream, env: Pick<CliEnv, 'noColor' | 'forceColor'>): boolean {
  if (env.noColor) return false;
  return env.forceColor || stream.isTTY === true;
}

/** A terminal over real streams. */
export function createTerminal(
  stdout: OutputStream,
  stderr: OutputStream,
  env: Pick<CliEnv, 'noColor' | 'forceColor'>,
  wait: (ms: number) => Promise<void>,
): Terminal {
  const live = stderr.isTTY === true;
  return {
    out: (text) => void stdout.write(text),
    err: (text) => void stderr.write(text),
    color: picocolors.createColors(wantsColor(stdout, env)),
    interactive: stdout.isTTY === true,
    wait,
    // \r back to the line start, \x1b[K erases the rest of the previous note.
    progress: (text) => void (live ? stderr.write(`\r${text ?? ''}\u001b[K`) : undefined),
  };
}
