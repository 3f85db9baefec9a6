import { open, stat } from 'node:fs/promises';
import type { CommandRunner } from '@jq/core';

/** Where `jobqueue logs` reads the jobs' output files: this machine, or the login node over SSH. */
export interface LogReader {
  /** The file's size in bytes; 0 when it does not exist (yet). */
  size(path: string): Promise<number>;
  /** The bytes of `path` from `start` to `end`, as text. */
  read(path: string, start: number, end: number): Promise<string>;
}

/** The files on this machine. */
export const localLogReader: LogReader = {
  size: (path) => stat(path).then((info) => info.size, () => 0),
  async read(path, start, end) {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(end - start);
      await handle.read(buffer, 0, buffer.length, start);
      return buffer.toString('utf8');
    } finally {
      await handle.close();
    }
  },
};

const commandTimeoutMs = 30_000;

/**
 * The files on the login node of a cluster driven over SSH (jobs write their output there,
 * not here), read through the cluster's runner with GNU `stat` and `tail`, as argv: the paths
 * come from the journal and are passed as single arguments after `--`.
 */
export function remoteLogReader(runner: CommandRunner): LogReader {
  return {
    async size(path) {
      const result = await runner.run({ argv: ['stat', '--format=%s', '--', path] }, { timeoutMs: commandTimeoutMs });
      const size = Number(result.stdout.trim());
      return result.exitCode === 0 && Number.isInteger(size) ? size : 0;
    },
    async read(path, start, end) {
      const result = await runner.run({ argv: ['tail', `--bytes=+${start + 1}`, '--', path] }, { timeoutMs: commandTimeoutMs });
      if (result.exitCode !== 0) throw new Error(`[jq/cli] reading ${path} on the login node failed: ${result.stderr.trim()}`);
      // The file may have grown since its size was asked: only the bytes up to `end`.
      return Buffer.from(result.stdout, 'utf8').subarray(0, end - start).toString('utf8');
    },
  };
}
