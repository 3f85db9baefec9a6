import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Command, CommandResult } from '../src/index.js';
import { ExecaCommandRunner } from '../src/index.js';

// Real processes on both paths: the asynchronous run (execa, imported on first use) and the
// blocking one used at process exit (spawnSync) must report every outcome the same way.
const runner = new ExecaCommandRunner();
const directory = mkdtempSync(join(tmpdir(), 'jq-command-runner-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const paths: Array<[string, (command: Command, timeoutMs?: number) => Promise<CommandResult>]> = [
  ['run', (command, timeoutMs = 30_000) => runner.run(command, { timeoutMs })],
  ['runSync', async (command, timeoutMs = 30_000) => runner.runSync(command, { timeoutMs })],
];

describe.each(paths)('ExecaCommandRunner.%s', (_name, run) => {
  it('reports the exit code and both outputs as written, final newline kept', async () => {
    const result = await run({ argv: ['sh', '-c', 'printf "out\\n"; printf "err\\n" >&2; exit 3'] });
    expect(result).toEqual({ argv: ['sh', '-c', 'printf "out\\n"; printf "err\\n" >&2; exit 3'], exitCode: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false });
  });

  it('passes arguments without a shell', async () => {
    const result = await run({ argv: ['printf', '%s|', 'a b', '$(echo no)', ';rm'] });
    expect(result.stdout).toBe('a b|$(echo no)|;rm|');
  });

  it('feeds stdin text, and a stdin file in preference to it', async () => {
    expect((await run({ argv: ['cat'], stdin: 'from text\n' })).stdout).toBe('from text\n');
    const file = join(directory, 'script.sh');
    writeFileSync(file, '#!/bin/sh\necho from file\n');
    expect((await run({ argv: ['cat'], stdin: 'ignored', stdinFile: file })).stdout).toBe('#!/bin/sh\necho from file\n');
  });

  it('gives the command no stdin when none is set (cat ends at once)', async () => {
    expect(await run({ argv: ['cat'] })).toMatchObject({ exitCode: 0, stdout: '', timedOut: false });
  });

  it('extends this process environment with the command env', async () => {
    const result = await run({ argv: ['sh', '-c', 'printf "%s|%s" "$JQ_RUNNER_TEST" "$PATH"'], env: { JQ_RUNNER_TEST: 'given' } });
    expect(result.stdout).toBe(`given|${process.env.PATH}`);
  });

  it('marks a missing program without throwing', async () => {
    const result = await run({ argv: ['jq-no-such-program-here'] });
    expect(result).toMatchObject({ exitCode: undefined, timedOut: false, missingCommand: true });
    expect(result.stderr).toContain('ENOENT');
  });

  it('kills a command that outlives its timeout and says so', async () => {
    const result = await run({ argv: ['sleep', '30'] }, 300);
    expect(result).toMatchObject({ exitCode: undefined, timedOut: true });
    expect(result.missingCommand).toBeUndefined();
  });

  it('refuses a command without a program', async () => {
    await expect(run({ argv: [] })).rejects.toThrow('[jq/core] a command needs at least a program name');
  });
});
