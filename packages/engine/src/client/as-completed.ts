import type { Future } from './future.js';

/** One settled future, as {@link asCompleted} hands it over. */
export type Completed<T> = { future: Future<T>; ok: true; value: T } | { future: Future<T>; ok: false; error: unknown };

/**
 * Yields each future's outcome once it has settled, in the order they settle. Outcomes are
 * wrapped objects, not the futures themselves: `for await` would treat a future (a
 * thenable) as a promise to unwrap, and a failed task would end the loop.
 */
export function asCompleted<T>(futures: Iterable<Future<T>>): AsyncIterable<Completed<T>> {
  const all = [...futures];
  const settled: Completed<T>[] = [];
  let wake: (() => void) | undefined;
  for (const future of all) {
    future.then(
      (value) => settled.push({ future, ok: true, value }),
      (error: unknown) => settled.push({ future, ok: false, error }),
    ).then(() => wake?.());
  }
  let yielded = 0;
  return {
    [Symbol.asyncIterator]: () => ({
      next: async (): Promise<IteratorResult<Completed<T>, undefined>> => {
        if (yielded >= all.length) return { done: true, value: undefined };
        while (settled.length <= yielded) await new Promise<void>((resolve) => (wake = resolve));
        const completed = settled[yielded] as Completed<T>;
        yielded += 1;
        return { done: false, value: completed };
      },
    }),
  };
}
