#!/usr/bin/env node
// Composition root of the `trustwatch` command: environment -> terminal -> command -> exit code.
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli } from './cli.js';
import { loadCliEnv } from './config.js';
import { createTerminal } from './output/terminal.js';

const env = loadCliEnv();
const term = createTerminal(process.stdout, process.stderr, env, (ms) => sleep(Math.max(0, ms)));
// A closed pipe (`trustwatch demo | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});
const interrupted = (): Promise<void> =>
  new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
// Every command closes what it opened, so the process ends on its own once output is flushed.
process.exitCode = await runCli(process.argv.slice(2), term, env, interrupted);
