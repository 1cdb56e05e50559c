import type { TrustStore } from '@trustwatch/store';

type AsyncCall = (...args: unknown[]) => Promise<unknown>;

/** The store methods a gate can hold (all of them return a promise). */
export type GatedMethod = {
  [K in keyof TrustStore]: TrustStore[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof TrustStore];

/** Where the held call waits: before it reaches the store, or after the store answered it. */
export type GatePoint = 'before' | 'after';

export interface StoreGate {
  /** The shared store as the held engine instance sees it. */
  readonly store: TrustStore;
  /**
   * Settles once the gated call reached the gate. Rejects when `running` (the held instance's work)
   * finished without ever reaching it, so a test never passes on an interleaving it did not make.
   */
  reached(running: Promise<unknown>): Promise<void>;
  /** Lets the held call go on. */
  release(): void;
}

/**
 * The same store with the first call of one method held on a gate: one engine instance runs up to a
 * chosen store call, another runs entirely, then the first goes on. Interleavings are made on purpose,
 * not by timing, so a race test fails or passes the same way every run.
 */
export function gateStore(store: TrustStore, method: GatedMethod, point: GatePoint): StoreGate {
  let arrive = (): void => undefined;
  const arrived = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  let held = false;
  const gated = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== method || typeof value !== 'function') return value;
      const call = (args: unknown[]) => (value as AsyncCall).apply(target, args);
      return async (...args: unknown[]): Promise<unknown> => {
        if (held) return call(args);
        held = true;
        if (point === 'before') {
          arrive();
          await opened;
          return call(args);
        }
        const result = await call(args);
        arrive();
        await opened;
        return result;
      };
    },
  });
  return {
    store: gated,
    reached: (running) =>
      Promise.race([
        arrived,
        running.then(() => {
          throw new Error(`the held instance finished without calling ${method}`);
        }),
      ]),
    release: open,
  };
}
