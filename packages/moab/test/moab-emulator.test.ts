import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandResult } from '@jq/core';
import { type BatchEmulator, createMoabEmulator } from '@jq/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyMoabError, parseMoabStatus, parseMoabSubmit } from '../src/index.js';

let emulator: BatchEmulator;
afterEach(() => emulator.close());

function run(argv: string[]): Promise<CommandResult> {
  const [file = '', ...args] = argv;
  return new Promise((resolve) => {
    execFile(file, args, { env: { ...process.env, ...emulator.env }, timeout: 10_000 }, (error, stdout, stderr) => {
      resolve({ argv, exitCode: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr, timedOut: false });
    });
  });
}

function script(name: string, directives: string[], body: string): string {
  const path = join(emulator.stateDirectory, name);
  writeFileSync(path, `#!/usr/bin/env bash\n\n${directives.map((line) => `#PBS ${line}`).join('\n')}\n${body}\n`);
  return path;
}

const states = async (ids: string[]) => {
  const output = await run(['checkjob', '--xml', ...ids]);
  return Object.fromEntries([...parseMoabStatus(output, ids)].map(([id, status]) => [id, status]));
};

describe('Moab emulator', () => {
  it('msub reads #PBS lines and prints the id after an empty line; checkjob keeps the exit code', async () => {
    emulator = await createMoabEmulator();
    const path = script('job.sh', ['-N demo', '-q short', `-o ${emulator.stateDirectory}/out.txt`], 'echo "$MOAB_JOBID $MOAB_JOBNAME $PBS_QUEUE"; exit 4');
    const submitted = await run(['msub', path]);
    expect(submitted).toMatchObject({ exitCode: 0, stdout: '\n1\n' });
    expect(parseMoabSubmit(submitted)).toEqual(['1']);
    await vi.waitFor(async () => expect((await states(['1']))['1']).toMatchObject({ state: 'failed', native: 'Completed', exitCode: 4 }), { timeout: 30_000 });
    expect(readFileSync(join(emulator.stateDirectory, 'out.txt'), 'utf8')).toBe('1 demo short\n');
    expect(parseMoabSubmit(await run(['msub', '--xml', path]))).toEqual(['2']);
  });

  it('lists jobs by section in showq --xml and cancels a comma list with mjobctl -c', async () => {
    emulator = await createMoabEmulator({ maxRunning: 1 });
    const path = script('sleep.sh', [], 'sleep 30');
    await run(['msub', path]);
    await run(['msub', path]);
    await vi.waitFor(() => expect(emulator.job('1')?.pid).toBeDefined(), { timeout: 30_000 });
    const showq = await run(['showq', '--xml']);
    expect(showq.stdout).toMatch(/<queue count="1" option="active">\s*<job JobID="1"[^>]*State="Running"/);
    expect(showq.stdout).toMatch(/<queue count="1" option="eligible">\s*<job JobID="2"[^>]*State="Idle"/);
    const cancel = await run(['mjobctl', '-c', '1,2,9']);
    expect(cancel).toMatchObject({ exitCode: 1, stdout: "\njob '1' cancelled\njob '2' cancelled\n", stderr: 'ERROR:  invalid job specified: 9\n' });
    expect(classifyMoabError(cancel)).toBe('permanent');
    await vi.waitFor(async () => expect(await states(['1', '2'])).toMatchObject({ '1': { state: 'cancelled', signal: 15 }, '2': { state: 'cancelled' } }), { timeout: 30_000 });
    expect((await run(['showq', '-c', '--xml'])).stdout).toMatch(/<queue count="2" option="completed">/);
  });

  it('kills a job at its walltime as Removed with Torque\'s walltime code', async () => {
    emulator = await createMoabEmulator();
    await run(['msub', script('long.sh', ['-l walltime=00:00:01'], 'sleep 30')]);
    await vi.waitFor(async () => expect((await states(['1']))['1']).toMatchObject({ state: 'timeout', native: 'Removed', reason: 'walltime exceeded (JOB_EXEC -11)' }), { timeout: 30_000 });
  });

  it('reports unknown ids on stderr while printing the known ones, and injects transient faults', async () => {
    emulator = await createMoabEmulator();
    await run(['msub', script('hold.sh', ['-h'], 'true')]);
    const mixed = await run(['checkjob', '--xml', '1', '7']);
    expect(mixed).toMatchObject({ exitCode: 1, stderr: 'ERROR:  invalid job specified: 7\n' });
    expect(parseMoabStatus(mixed, ['1', '7'])).toEqual(new Map([['1', { state: 'held', native: 'UserHold', reason: 'user hold' }]]));
    expect(classifyMoabError(mixed)).toBe('permanent');
    emulator.failStatus(1);
    emulator.failSubmits(1);
    expect(classifyMoabError(await run(['checkjob', '--xml', '1']))).toBe('transient');
    const refused = await run(['msub', join(emulator.stateDirectory, 'hold.sh')]);
    expect(refused.exitCode).toBe(1);
    expect(classifyMoabError(refused)).toBe('transient');
    expect(await run(['msub', script('bad.sh', ['-l select=1:ncpus=2'], 'true')])).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/^msub: Unknown resource/) });
  });
});
