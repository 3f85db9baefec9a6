import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecaCommandRunner, JobQueueCluster } from '@jq/core';
import { ManualClock, RecordingCommandRunner, TestScheduler } from '@jq/core/testing';
import { type BatchEmulator, createLsfEmulator } from '@jq/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lsfBackend, lsfStatusFields, parseLsfStatus } from '../src/index.js';

let emulator: BatchEmulator;
afterEach(() => emulator.close());

function run(argv: string[], options: { stdin?: string; timeout?: number; env?: Record<string, string> } = {}): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const [file = '', ...args] = argv;
  return new Promise((resolve) => {
    const child = execFile(file, args, { env: { ...process.env, ...emulator.env, ...options.env }, timeout: options.timeout ?? 10_000 }, (error, stdout, stderr) => {
      resolve({ exitCode: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
    child.stdin?.end(options.stdin ?? '');
  });
}

const script = (directives: string[], body: string) => `#!/usr/bin/env bash\n\n${directives.map((line) => `#BSUB ${line}`).join('\n')}\n${body}\n`;
const states = async (ids: string[]) => {
  const output = await run(['bjobs', '-a', '-o', lsfStatusFields, '-json', ...ids]);
  return Object.fromEntries([...parseLsfStatus({ argv: [], ...output, timedOut: false }, ids)].map(([id, status]) => [id, status]));
};

describe('LSF emulator', () => {
  it('reads the script and its #BSUB lines from standard input, and %J in the output path', async () => {
    emulator = await createLsfEmulator();
    const text = script(['-J demo', '-q short', '-P "My Project"', `-o ${emulator.stateDirectory}/out-%J.txt`], 'echo "$LSB_JOBNAME $LSB_QUEUE $LSB_JOBID"; exit 4');
    expect(await run(['bsub'], { stdin: text })).toMatchObject({ exitCode: 0, stdout: 'Job <1> is submitted to queue <short>.\n' });
    await vi.waitFor(async () => expect((await states(['1']))['1']).toMatchObject({ state: 'failed', exitCode: 4 }), { timeout: 30_000 });
    expect(readFileSync(join(emulator.stateDirectory, 'out-1.txt'), 'utf8')).toBe('demo short 1\n');
    expect(emulator.job('1')).toMatchObject({ name: 'demo', queue: 'short', account: 'My Project' });
  });

  it('runs -J "name[1-N]" arrays with LSB_JOBINDEX and keeps jobs pending beyond the running limit', async () => {
    emulator = await createLsfEmulator({ maxRunning: 1 });
    await run(['bsub', '-J', 'arr[1-2]'], { stdin: script([], 'exit $(( LSB_JOBINDEX + 10 ))') });
    await vi.waitFor(async () => expect(await states(['1[1]', '1[2]'])).toMatchObject({ '1[1]': { exitCode: 11 }, '1[2]': { exitCode: 12 } }), { timeout: 30_000 });
    await run(['bsub'], { stdin: script([], 'sleep 30') });
    await run(['bsub'], { stdin: script([], 'true') });
    await vi.waitFor(async () => expect(await states(['2', '3'])).toMatchObject({ '2': { state: 'running' }, '3': { state: 'queued' } }), { timeout: 30_000 });
  });

  it('kills at the run limit with TERM_RUNLIMIT and on bkill with TERM_OWNER', async () => {
    emulator = await createLsfEmulator();
    // The emulated minute is shortened to 1 s for this run limit (LSF's smallest is a minute).
    await run(['bsub', '-W', '0:01'], { stdin: script([], 'sleep 30'), env: { JQ_TESTKIT_LSF_MINUTE_SECONDS: '1' } });
    await run(['bsub'], { stdin: script([], 'sleep 30') });
    await vi.waitFor(() => expect(emulator.job('2')?.pid).toBeDefined(), { timeout: 30_000 });
    expect(await run(['bkill', '2', '9'])).toMatchObject({ exitCode: 255, stdout: 'Job <2> is being terminated\n', stderr: 'Job <9>: No matching job found\n' });
    await vi.waitFor(async () => expect(await states(['1', '2'])).toMatchObject({ '1': { state: 'timeout' }, '2': { state: 'cancelled' } }), { timeout: 30_000 });
  });

  it('refuses malformed directives as bsub does', async () => {
    emulator = await createLsfEmulator();
    expect(await run(['bsub'], { stdin: script(['-W 1:0:0'], 'true') })).toMatchObject({ exitCode: 255, stderr: expect.stringContaining('Bad RUNLIMIT') });
    expect((await run(['bsub'], { stdin: script(['-Z'], 'true') })).stderr).toContain('illegal option');
    expect((await run(['bsub', '-J', 'a[0-2]'], { stdin: script([], 'true') })).stderr).toContain('Bad job array index list');
  });
});

describe('LSF through the emulator under injected faults', () => {
  it('retries a transient bsub failure, then submits through the stdin redirection, GPUs included', { timeout: 180_000 }, async () => {
    emulator = await createLsfEmulator();
    const scriptDirectory = mkdtempSync(join(tmpdir(), 'jq-lsf-faults-'));
    const clock = new ManualClock(Date.now());
    const runner = new RecordingCommandRunner(emulator.wrapRunner(new ExecaCommandRunner()));
    const options = { name: 'faults', cores: 1, memory: '1GB', gpus: 2, scriptDirectory };
    const cluster = new JobQueueCluster({ backend: lsfBackend, scheduler: new TestScheduler(['sleep', '30']), options, runner, clock, handleExit: false });
    try {
      emulator.failSubmits(1);
      const scaling = cluster.scale(1);
      // The retry waits on the manual clock: move it on until the second bsub has run.
      await vi.waitFor(
        async () => {
          await clock.advance(5_000);
          expect(runner.callsWith('bsub')).toHaveLength(2);
        },
        { timeout: 60_000, interval: 20 },
      );
      await scaling;
      expect(cluster.jobs().map((job) => job.id)).toEqual(['1']);
      expect(emulator.job('1')).toMatchObject({ name: 'jq-worker', resources: { n: '1', M: '1000000' }, gpus: 2 });
    } finally {
      await cluster.close();
      rmSync(scriptDirectory, { recursive: true, force: true });
    }
  });
});
