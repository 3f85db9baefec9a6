// `jobqueue logs` of a cluster driven over SSH reads the jobs' output on the login node,
// through the cluster's runner. The login node here is recorded command output (the process
// boundary); the real one is in test-integration/cli-ssh-slurm.test.ts.
import type { Command, CommandResult } from '@jq/core';
import { RecordingCommandRunner } from '@jq/core/testing';
import { describe, expect, it } from 'vitest';
import { remoteLogReader } from '../src/log-readers.js';

const files: Record<string, string> = { '/scratch/jq/w-12.err': 'line 1\nline 2\nlíne 3\n' };

/** GNU stat and tail on a login node holding `files`. */
function loginNode(): RecordingCommandRunner {
  return new RecordingCommandRunner().respond((command: Command): CommandResult => {
    const [program, flag, separator, path = ''] = command.argv;
    const text = files[path];
    const answer = (exitCode: number, stdout: string, stderr = ''): CommandResult => ({ argv: command.argv, exitCode, stdout, stderr, timedOut: false });
    if (separator !== '--') return answer(2, '', `${program}: unexpected arguments`);
    if (text === undefined) return answer(1, '', `${program}: cannot open '${path}': No such file or directory`);
    if (program === 'stat' && flag === '--format=%s') return answer(0, `${Buffer.byteLength(text)}\n`);
    const start = /^--bytes=\+(\d+)$/.exec(flag ?? '');
    if (program === 'tail' && start) return answer(0, Buffer.from(text).subarray(Number(start[1]) - 1).toString('utf8'));
    return answer(2, '', `${program}: unexpected arguments`);
  });
}

describe('reading job output on the login node', () => {
  it('asks the size with stat and the bytes from an offset with tail, each path one argument after --', async () => {
    const runner = loginNode();
    const reader = remoteLogReader(runner);
    const path = '/scratch/jq/w-12.err';
    const size = await reader.size(path);
    expect(size).toBe(Buffer.byteLength(files[path]!));
    expect(await reader.read(path, 0, size)).toBe(files[path]);
    expect(await reader.read(path, 7, 14)).toBe('line 2\n');
    expect(runner.calls.map((command) => command.argv)).toEqual([
      ['stat', '--format=%s', '--', path],
      ['tail', '--bytes=+1', '--', path],
      ['tail', '--bytes=+8', '--', path],
    ]);
  });

  it('takes a file not written yet as empty, and says why a read failed', async () => {
    const reader = remoteLogReader(loginNode());
    expect(await reader.size('/scratch/jq/w-13.err')).toBe(0);
    await expect(reader.read('/scratch/jq/w-13.err', 0, 10)).rejects.toThrow(/\[jq\/cli\] reading \/scratch\/jq\/w-13\.err on the login node failed: tail: cannot open/);
  });
});
