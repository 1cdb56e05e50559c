/**
 * Lets runs of one topic go on side by side and keeps runs of different topics apart, first come, first
 * served. Partitions of one topic carry events of one kind keyed by what they are about (firmware by
 * customer, news by story, supplier changes by vendor): the store settles runs of those as it settles two
 * engine instances. Events of different kinds can depend on each other's order in ways the store does not
 * settle: an advisory and the observation that puts an asset in its range make the same factor with a
 * different date and evidence depending on which is handled first. One instance handles those in the
 * order the bus hands them over, as it did when it ran one partition at a time.
 */
export interface TopicGate {
  /** Runs `task` once no run of another topic is under way or waiting ahead of it. */
  run<T>(topic: string, task: () => Promise<T>): Promise<T>;
}

interface Waiter {
  readonly topic: string;
  readonly start: () => void;
}

/**
 * `sideBySide`: whether runs of one topic may share the gate (the engine's partitions at once); without
 * it every run waits for the one before, in arrival order.
 */
export function createTopicGate(options: { readonly sideBySide: boolean }): TopicGate {
  let current: string | undefined;
  let active = 0;
  const waiters: Waiter[] = [];

  const admit = (): void => {
    while (waiters.length > 0) {
      const next = waiters[0] as Waiter;
      if (active > 0 && (next.topic !== current || !options.sideBySide)) return;
      waiters.shift();
      current = next.topic;
      active += 1;
      next.start();
    }
  };

  return {
    async run(topic, task) {
      await new Promise<void>((start) => {
        waiters.push({ topic, start });
        admit();
      });
      try {
        return await task();
      } finally {
        active -= 1;
        admit();
      }
    },
  };
}
