import type { TopicSpec } from './topics.js';

/** The topic catalog as a markdown table, for the package README (a unit test keeps the two in step). */
export function renderTopicTable(specs: readonly TopicSpec[]): string {
  const rows = specs.map((spec) =>
    [
      `\`${spec.name}\``,
      String(spec.partitions),
      `${spec.retentionMs / 86_400_000} d`,
      spec.cleanupPolicy,
      spec.key,
      spec.eventTypes.length === 0
        ? '(any, as dead letters)'
        : spec.eventTypes.map((type) => `\`${type}\``).join(', '),
    ].join(' | '),
  );
  return [
    '| Topic | Partitions | Retention | Cleanup | Key | Event types |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}
