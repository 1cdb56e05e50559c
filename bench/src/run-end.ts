import type { BenchContext } from './context.js';
import { deleteNamespaces } from './kafka-link.js';
import { closeTemplates } from './portfolio-template.js';

/** Ends a run: deletes its topics and its template keys, closes its clients and log file. */
export async function closeBenchRun(ctx: BenchContext): Promise<void> {
  try {
    await deleteNamespaces(ctx);
  } finally {
    await closeTemplates(ctx);
    ctx.dispose();
  }
}
