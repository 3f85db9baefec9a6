import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** Sends `signal` to the process group of a rank started `detached`: the rank and the worker it started. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/**
 * The rank processes and directories of a test file: after each test every rank's group
 * is killed (a failed run must leave no rank or worker behind) and the directories removed.
 */
export function rankProcesses(): { track(child: ChildProcess): ChildProcess; directory(prefix: string): string } {
  const ranks: ChildProcess[] = [];
  const directories: string[] = [];
  afterEach(() => {
    for (const rank of ranks.splice(0)) signalGroup(rank, 'SIGKILL');
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });
  return {
    track(child) {
      ranks.push(child);
      return child;
    },
    directory(prefix) {
      const made = mkdtempSync(join(tmpdir(), prefix));
      directories.push(made);
      return made;
    },
  };
}
