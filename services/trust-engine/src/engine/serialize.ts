/** Runs tasks one at a time, in submission order; a failed task does not stop the ones after it. */
export type Serializer = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * One engine scores one thing at a time: events of different partitions (and decay re-evaluations) may
 * concern the same customer, and each must score on top of the state the previous one stored, or one of
 * two concurrent changes would be reported against a stale "before".
 */
export function createSerializer(): Serializer {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
