import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, where `infra/` lives. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The outcome of running one of infra's launcher scripts. */
export interface LauncherRun {
  readonly exitCode: number;
  /** The last lines of its combined output, for an error message. */
  readonly tail: string;
}

/**
 * Runs `bash infra/<service>/<action>.sh` from the repository root, echoing its output with a prefix
 * (fetching the broker's jars can take a minute, and silence would look like a hang).
 */
export function runLauncher(service: 'kafka' | 'redis', action: 'start' | 'stop'): Promise<LauncherRun> {
  return new Promise((resolve) => {
    const child = spawn('bash', [`infra/${service}/${action}.sh`], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        lines.push(line);
        process.stderr.write(`[${service} ${action}] ${line}\n`);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => resolve({ exitCode: 127, tail: error.message }));
    child.on('close', (code) => resolve({ exitCode: code ?? 1, tail: lines.slice(-8).join('\n') }));
  });
}
