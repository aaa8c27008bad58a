import type { Histogram } from 'prom-client';

/**
 * Wraps a repository so each call of one of its methods is timed into `histogram` as
 * `<repository>.<method>` for the engine: the one place every database access passes, so no query
 * goes unmeasured and no repository carries timing code. Methods call each other unwrapped.
 */
export function instrumentRepository<T extends object>(
  repository: T,
  name: string,
  engine: string,
  histogram: Histogram<'operation' | 'engine'>,
): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || property === 'constructor') {
        return value;
      }
      let wrapper = wrapped.get(property);
      if (!wrapper) {
        const labels = { operation: `${name}.${property}`, engine };
        const method = value as (...args: unknown[]) => unknown;
        wrapper = (...args: unknown[]) => {
          const stop = histogram.startTimer(labels);
          let result: unknown;
          try {
            result = method.apply(target, args);
          } catch (error) {
            stop();
            throw error;
          }
          if (result instanceof Promise) return result.finally(stop);
          stop();
          return result;
        };
        wrapped.set(property, wrapper);
      }
      return wrapper;
    },
  });
}
