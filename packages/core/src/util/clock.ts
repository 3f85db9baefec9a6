/** Time as the cluster sees it; tests pass a manual clock to stay deterministic. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` after `milliseconds`; returns a function that cancels it. */
  schedule(callback: () => void, milliseconds: number): () => void;
}

/** The real clock. Timers are unref'd so a forgotten cluster never keeps Node alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(callback, milliseconds) {
    const timer = setTimeout(callback, milliseconds);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** Resolves after `milliseconds` on `clock`, or at once when `signal` aborts. */
export function sleep(clock: Clock, milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const cancel = clock.schedule(finish, milliseconds);
    signal?.addEventListener('abort', finish, { once: true });
    function finish() {
      cancel();
      signal?.removeEventListener('abort', finish);
      resolve();
    }
  });
}

/**
 * Awaits `work` with a referenced timer pending. The system clock's timers are unref'd so
 * a forgotten cluster never keeps Node alive; a caller awaiting a request to another
 * process (which waits on such timers) must not see its process exit in the middle.
 */
export async function keepingAlive<T>(work: Promise<T>): Promise<T> {
  const timer = setInterval(() => undefined, 60_000);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
