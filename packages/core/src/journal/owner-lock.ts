import { mkdirSync, rmSync, statSync, utimesSync } from 'node:fs';

/**
 * The cluster owner's lock: a directory made atomically (mkdir), whose modification time
 * the owner refreshes as a heartbeat; a lock whose heartbeat stopped is stale and may be
 * taken. Hand-written rather than proper-lockfile, whose exit cleanup (signal-exit) takes
 * over SIGINT/SIGTERM and would keep a cluster's own signal handling from ending the process.
 */
export class OwnerLock {
  #heartbeat: NodeJS.Timeout | undefined;

  private constructor(private readonly path: string) {}

  /** True when a lock at `path` has a heartbeat younger than `staleMs`. */
  static held(path: string, staleMs: number): boolean {
    try {
      return Date.now() - statSync(path).mtimeMs < staleMs;
    } catch {
      return false;
    }
  }

  /** Takes the lock at `path` (a stale one is replaced); throws when a live owner holds it. */
  static acquire(path: string, staleMs: number): OwnerLock {
    for (let attempt = 0; ; attempt += 1) {
      try {
        mkdirSync(path, { mode: 0o700 });
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0 || OwnerLock.held(path, staleMs)) throw error;
        rmSync(path, { recursive: true, force: true });
      }
    }
    const lock = new OwnerLock(path);
    lock.#heartbeat = setInterval(() => lock.#beat(), staleMs / 4);
    lock.#heartbeat.unref();
    return lock;
  }

  /** Stops the heartbeat and removes the lock. */
  release(): void {
    clearInterval(this.#heartbeat);
    rmSync(this.path, { recursive: true, force: true });
  }

  #beat(): void {
    const now = new Date();
    try {
      utimesSync(this.path, now, now);
    } catch {
      // The journal was removed under us (`jobqueue down`): nothing left to keep alive.
      clearInterval(this.#heartbeat);
    }
  }
}
