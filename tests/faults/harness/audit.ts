import { execFile } from 'node:child_process';
import { NPM_ENV, REPO_ROOT } from '../config.js';

/** What `npm audit --audit-level=high` found, or why it could not tell. */
export type AuditOutcome =
  | { readonly measured: true; readonly high: number; readonly critical: number }
  | { readonly measured: false; readonly reason: string };

// npm's own codes for a registry it cannot reach.
const OFFLINE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|audit endpoint returned an error/;

/** Runs the audit of the lockfile against the registry's advisory database. */
export function npmAudit(timeoutMs = 90_000): Promise<AuditOutcome> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['audit', '--audit-level=high', '--json'],
      { cwd: REPO_ROOT, env: NPM_ENV, timeout: timeoutMs, maxBuffer: 64 * 1_048_576 },
      (_error, stdout, stderr) => {
        try {
          const report = JSON.parse(stdout) as {
            metadata?: { vulnerabilities?: { high?: number; critical?: number } };
            error?: { code?: string; summary?: string };
            statusCode?: number;
          };
          const counts = report.metadata?.vulnerabilities;
          if (counts !== undefined) {
            resolve({ measured: true, high: counts.high ?? 0, critical: counts.critical ?? 0 });
            return;
          }
          // A registry mirror without the advisory endpoint answers with an HTTP error and no report.
          if (report.statusCode !== undefined) {
            resolve({
              measured: false,
              reason: `advisory endpoint unavailable (HTTP ${String(report.statusCode)})`,
            });
            return;
          }
          const why = `${report.error?.code ?? ''} ${report.error?.summary ?? ''}`;
          resolve({ measured: false, reason: OFFLINE.test(why) ? 'offline' : why.trim() || 'no report' });
        } catch {
          resolve({
            measured: false,
            reason: OFFLINE.test(stderr) ? 'offline' : 'npm audit gave no JSON report',
          });
        }
      },
    );
  });
}
