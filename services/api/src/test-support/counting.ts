/**
 * Wraps a port so every method call is counted: a test asserts that a refused request did no work.
 */
export function counting<T extends object>(target: T, counter: { calls: number }): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        counter.calls += 1;
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
}
