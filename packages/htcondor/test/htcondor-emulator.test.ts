import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecaCommandRunner } from '@jq/core';
import { TestScheduler } from '@jq/core/testing';
import { type BatchEmulator, createHtcondorEmulator } from '@jq/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHtcondorCluster, htcondorAttributes, parseHtcondorStatus } from '../src/index.js';

let emulator: BatchEmulator;
afterEach(() => emulator.close());

function run(argv: string[], timeout = 10_000): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const [file = '', ...args] = argv;
  return new Promise((resolve) => {
    execFile(file, args, { env: { ...process.env, ...emulator.env }, timeout }, (error, stdout, stderr) => {
      resolve({ exitCode: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

function description(name: string, shell: string, extra = ''): string {
  const path = join(emulator.stateDirectory, `${name}.sub`);
  writeFileSync(path, `#!/usr/bin/env condor_submit\n\nbatch_name = ${name}\nMY.JobId = "$(ClusterId).$(ProcId)"\nOutput = ${emulator.stateDirectory}/${name}-$F(MY.JobId).out\n${extra}\nArguments = "-c '${shell}'"\nExecutable = /bin/sh\n\nQueue\n`);
  return path;
}

const statusOf = async (ids: string[]) => {
  const queue = await run(['condor_q', ...ids, '-af:j', ...htcondorAttributes]);
  const history = await run(['condor_history', '-constraint', `stringListMember(strcat(ClusterId, ".", ProcId), "${ids.join(',')}")`, '-af:j', ...htcondorAttributes]);
  return { queue: queue.stdout, history: history.stdout, statuses: parseHtcondorStatus({ argv: [], exitCode: 0, stdout: queue.stdout + history.stdout, stderr: '', timedOut: false }, ids) };
};

describe('HTCondor emulator', () => {
  it('runs the description, expands macros, and moves a finished job to the history', async () => {
    emulator = await createHtcondorEmulator();
    expect(await run(['condor_submit', description('ok', 'echo $(DOLLAR)(echo expanded) $(ClusterId); exit 3')])).toMatchObject({ exitCode: 0, stdout: 'Submitting job(s).\n1 job(s) submitted to cluster 1.\n' });
    await vi.waitFor(async () => expect((await statusOf(['1.0'])).statuses.get('1.0')).toMatchObject({ state: 'failed', exitCode: 3 }), { timeout: 30_000 });
    const { queue } = await statusOf(['1.0']);
    expect(queue).toBe('');
    expect((await run(['cat', join(emulator.stateDirectory, 'ok-1.0.out')])).stdout).toBe('expanded 1\n');
  });

  it('queues -queue N jobs, removes one with condor_rm and one at its run-time limit', async () => {
    // Nothing runs until the removal is done: on a busy machine 1.0 and 1.1 could otherwise reach their limit and free a slot for 1.2 first.
    emulator = await createHtcondorEmulator({ maxRunning: 0 });
    const path = description('many', 'sleep 30', 'MY.JqWalltime = 1\nperiodic_remove = (JobStatus == 2) && (time() - EnteredCurrentStatus > MY.JqWalltime)');
    writeFileSync(path, (await run(['cat', path])).stdout.replace('\nQueue\n', '\n'));
    expect((await run(['condor_submit', '-terse', path, '-queue', '3'])).stdout).toBe('1.0 - 1.2\n');
    expect((await statusOf(['1.2'])).statuses.get('1.2')?.state).toBe('queued');
    expect(await run(['condor_rm', '1.2', '9.0'])).toMatchObject({ exitCode: 1, stdout: 'Job 1.2 marked for removal\n', stderr: 'Job 9.0 not found\n' });
    emulator.setMaxRunning(2);
    await vi.waitFor(async () => {
      const { statuses } = await statusOf(['1.0', '1.1', '1.2']);
      expect(Object.fromEntries([...statuses].map(([id, status]) => [id, status.state]))).toEqual({ '1.0': 'timeout', '1.1': 'timeout', '1.2': 'cancelled' });
    }, { timeout: 30_000 });
  });

  it('injects schedd failures, hangs and garbage into condor_q, and refuses what it does not emulate', async () => {
    emulator = await createHtcondorEmulator();
    emulator.failSubmits(1);
    expect((await run(['condor_submit', description('f', 'true')])).stderr).toContain('Failed to connect to local queue manager');
    emulator.failStatus(1);
    expect((await run(['condor_q', '-af:j', 'JobStatus'])).stderr).toContain('Failed to fetch ads');
    emulator.setStatusMode('garbage');
    const garbage = await run(['condor_q', '-af:j', 'JobStatus']);
    expect(() => parseHtcondorStatus({ argv: [], ...garbage, timedOut: false }, ['12.0'])).toThrow(expect.objectContaining({ code: 'JQ_PARSE_FAILED' }));
    emulator.setStatusMode('hang');
    expect((await run(['condor_q', '-af:j', 'JobStatus'], 500)).exitCode).not.toBe(0);
    emulator.setStatusMode('ok');
    expect((await run(['condor_history', '-constraint', 'Owner == "me"', '-af', 'JobStatus'])).stderr).toContain('only stringListMember');
    expect((await run(['condor_submit', '-append', 'Executable = /no/such/program', description('bad', 'true')])).stderr).toContain('does not exist');
  });
});

describe('GPUs through the HTCondor emulator', () => {
  it('condor_submit accepts the rendered request_gpus and records the GPUs of every job of an array', async () => {
    emulator = await createHtcondorEmulator();
    const scriptDirectory = mkdtempSync(join(tmpdir(), 'jq-htcondor-gpus-'));
    const options = { name: 'gpus', cores: 1, memory: '1GB', disk: '1GB', gpus: 2, scriptDirectory };
    const cluster = createHtcondorCluster({ scheduler: new TestScheduler(['sleep', '30']), options, runner: emulator.wrapRunner(new ExecaCommandRunner()), handleExit: false });
    try {
      await cluster.scale(2);
      expect(cluster.jobs().map((job) => emulator.job(job.id)?.gpus)).toEqual([2, 2]);
    } finally {
      await cluster.close();
      rmSync(scriptDirectory, { recursive: true, force: true });
    }
  });
});
