import { logLevel } from 'kafkajs';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { kafkaLogLevel, pinoLogCreator } from './log-bridge.js';

function capture(level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

describe('pinoLogCreator', () => {
  it('writes kafkajs entries through pino with their level, namespace and fields', () => {
    const { logger, lines } = capture();
    const log = pinoLogCreator(logger)(logLevel.INFO);
    log({
      namespace: 'Consumer',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: { timestamp: 't', message: 'crashed', groupId: 'g' },
    });
    log({
      namespace: 'Producer',
      level: logLevel.DEBUG,
      label: 'DEBUG',
      log: { timestamp: 't', message: 'sent' },
    });
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, kafkajs: 'Consumer', groupId: 'g', msg: 'crashed' }),
      expect.objectContaining({ level: 20, kafkajs: 'Producer', msg: 'sent' }),
    ]);
  });

  it('asks kafkajs for no more detail than pino will keep', () => {
    expect(kafkaLogLevel(capture('warn').logger)).toBe(logLevel.WARN);
    expect(kafkaLogLevel(capture('silent').logger)).toBe(logLevel.NOTHING);
    expect(kafkaLogLevel(capture('debug').logger)).toBe(logLevel.DEBUG);
  });
});
