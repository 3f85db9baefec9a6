import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ExecaCommandRunner, resolveOptions } from '@jq/core';
import { TestScheduler } from '@jq/core/testing';
import { type BatchEmulator, createHtcondorEmulator } from '@jq/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHtcondorCluster, htcondorAttributes, htcondorBackend, parseHtcondorStatus } from '../src/index.js';

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

/** A description in dask-jobqueue's form, which the emulator still runs: `/bin/sh` with the body in `Arguments`. */
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
  it('runs the /bin/sh -c form, expands macros, and moves a finished job to the history', async () => {
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

describe('the private executable through the HTCondor emulator', () => {
  it("an array's jobs run the executable with their $(ProcId): the secret reaches them; no description, Arguments or condor_q output shows it", async () => {
    emulator = await createHtcondorEmulator();
    const scriptDirectory = mkdtempSync(join(tmpdir(), 'jq-htcondor-executable-'));
    const seen = join(emulator.stateDirectory, 'seen');
    mkdirSync(seen);
    const command = ['sh', '-c', `printf '%s %s\\n' "$JQ_JOB_KEY" "$JQ_TEST_SECRET" > ${seen}/"$JQ_JOB_KEY"; sleep 30`];
    const options = { name: 'private', cores: 1, memory: '1GB', disk: '1GB', scriptDirectory };
    const cluster = createHtcondorCluster({ scheduler: new TestScheduler(command), options, runner: emulator.wrapRunner(new ExecaCommandRunner()), handleExit: false });
    const executable = join(scriptDirectory, 'private-0-array-2.sh.executable');
    try {
      await cluster.scale(2);
      await vi.waitFor(() => expect(readdirSync(seen).sort()).toEqual(['private-0', 'private-1']), { timeout: 30_000 });
      expect(readFileSync(join(seen, 'private-1'), 'utf8')).toBe('private-1 not-a-real-secret\n');
      expect(readdirSync(scriptDirectory).sort()).toEqual(['private-0-array-2.sh', 'private-0-array-2.sh.executable']);
      expect(statSync(executable).mode & 0o777).toBe(0o700);
      expect(readFileSync(join(scriptDirectory, 'private-0-array-2.sh'), 'utf8')).not.toContain('not-a-real-secret');
      const long = await run(['condor_q', '-l']);
      expect(long.stdout.match(/^(Cmd|Args|Arguments) = .*$/gm)).toEqual(['Arguments = "0"', `Cmd = "${executable}"`, 'Arguments = "1"', `Cmd = "${executable}"`]);
      expect(long.stdout).not.toContain('not-a-real-secret');
      expect((await run(['condor_q', '-nobatch'])).stdout).toContain(' private-0-array-2.sh.executable 1\n');
      expect(JSON.stringify(emulator.jobs())).not.toContain('not-a-real-secret');
    } finally {
      await cluster.close();
    }
    expect(existsSync(executable)).toBe(false);
    rmSync(scriptDirectory, { recursive: true, force: true });
  });

  it('finds the executable beside the description wherever both are copied, as an SSH runner copies them (0600)', async () => {
    emulator = await createHtcondorEmulator();
    const options = resolveOptions({ name: 'moved', cores: 1, memory: '1GB', disk: '1GB' }, htcondorBackend);
    const { script, executable } = htcondorBackend.render({ jobKey: 'moved-0', pool: 'default', index: 0, body: 'echo "ran as $0"', scriptPath: '/on/the/laptop/moved-0.sh' }, options);
    const loginNode = join(emulator.stateDirectory, 'login-node');
    mkdirSync(loginNode);
    writeFileSync(join(loginNode, 'moved-0.sh'), script, { mode: 0o600 });
    writeFileSync(join(loginNode, basename(executable!.path)), executable!.text, { mode: 0o600 });
    expect((await run(['condor_submit', join(loginNode, 'moved-0.sh')])).exitCode).toBe(0);
    await vi.waitFor(async () => expect((await statusOf(['1.0'])).statuses.get('1.0')).toMatchObject({ state: 'completed', exitCode: 0 }), { timeout: 30_000 });
    expect((await run(['condor_history', '1.0', '-af', 'Cmd'])).stdout).toBe(`${join(loginNode, 'moved-0.sh.executable')}\n`);
    expect(readFileSync(join(emulator.stateDirectory, 'jobs', '1.0', '_condor_stdout'), 'utf8')).toBe(`ran as ${join(emulator.stateDirectory, 'jobs', '1.0', 'condor_exec.exe')}\n`);
  });

  it('holds a job whose executable is gone when it starts, as a failed transfer does', async () => {
    emulator = await createHtcondorEmulator({ maxRunning: 0 });
    const executable = join(emulator.stateDirectory, 'gone.sh.executable');
    writeFileSync(executable, '#!/bin/sh\ntrue\n', { mode: 0o700 });
    const path = join(emulator.stateDirectory, 'gone.sh');
    writeFileSync(path, 'batch_name = gone\nExecutable = $Fp(SUBMIT_FILE)gone.sh.executable\nQueue\n');
    expect((await run(['condor_submit', '-terse', path])).stdout).toBe('1.0 - 1.0\n');
    rmSync(executable);
    emulator.setMaxRunning(1);
    await vi.waitFor(async () => expect((await run(['condor_q', '1.0', '-af:j', 'JobStatus', 'HoldReasonCode'])).stdout).toBe('1.0 5 13\n'), { timeout: 30_000 });
    expect((await statusOf(['1.0'])).statuses.get('1.0')?.state).toBe('held');
    expect((await run(['condor_q', '1.0', '-af', 'HoldReason'])).stdout).toContain(`error reading from ${executable}`);
  });
});
