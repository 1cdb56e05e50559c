import { describe, expect, it } from 'vitest';
import { loadCliEnv } from '../config.js';
import { wantsColor } from './terminal.js';

describe('colour decision', () => {
  const tty = { write: () => true, isTTY: true };
  const pipe = { write: () => true };

  it('colours a terminal and leaves a pipe plain', () => {
    expect(wantsColor(tty, loadCliEnv({}))).toBe(true);
    expect(wantsColor(pipe, loadCliEnv({}))).toBe(false);
  });

  it('turns colour off on a terminal when NO_COLOR is set to anything', () => {
    expect(wantsColor(tty, loadCliEnv({ NO_COLOR: '1' }))).toBe(false);
    expect(wantsColor(tty, loadCliEnv({ NO_COLOR: 'yes' }))).toBe(false);
  });

  it('treats an empty NO_COLOR as unset, as no-color.org specifies', () => {
    expect(wantsColor(tty, loadCliEnv({ NO_COLOR: '' }))).toBe(true);
  });

  it('colours a pipe when FORCE_COLOR is set, unless it is 0 or NO_COLOR is set too', () => {
    expect(wantsColor(pipe, loadCliEnv({ FORCE_COLOR: '1' }))).toBe(true);
    expect(wantsColor(pipe, loadCliEnv({ FORCE_COLOR: '0' }))).toBe(false);
    expect(wantsColor(pipe, loadCliEnv({ FORCE_COLOR: '1', NO_COLOR: '1' }))).toBe(false);
  });

  it('reads the log level from TRUSTWATCH_LOG_LEVEL and falls back to warn', () => {
    expect(loadCliEnv({ TRUSTWATCH_LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
    expect(loadCliEnv({ TRUSTWATCH_LOG_LEVEL: 'loud' }).logLevel).toBe('warn');
    expect(loadCliEnv({}).logLevel).toBe('warn');
  });
});
