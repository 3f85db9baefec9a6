import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BatchEmulator, createPbsEmulator } from '../src/index.js';
import { runCommand } from './run-command.js';

let emulator: BatchEmulator;
afterEach(() => emulator.close());

function script(name: string, body: string): string {
  const path = join(emulator.stateDirectory, name);
  writeFileSync(path, `#!/usr/bin/env bash\n#PBS -N ${name}\n#PBS -l select=1:ncpus=1:mem=1GB\n${body}\n`);
  return path;
}

async function qstat(...ids: string[]) {
  const result = await runCommand(['qstat', '-x', '-f', '-F', 'json', ...ids], emulator.env);
  return { ...result, jobs: (JSON.parse(result.stdout) as { Jobs?: Record<string, Record<string, unknown>> }).Jobs ?? {} };
}

describe('PBS Pro emulator', () => {
  it('runs a job as a process and keeps it in history with its exit status', async () => {
    emulator = await createPbsEmulator({ flavor: 'pbspro' });
    const submit = await runCommand(['qsub', script('ok', 'echo "hello from $PBS_JOBID"; exit 3')], emulator.env);
    expect(submit).toMatchObject({ exitCode: 0, stdout: '1.emulator\n' });
    await vi.waitFor(async () => expect((await qstat('1.emulator')).jobs['1.emulator']).toMatchObject({ job_state: 'F', Exit_status: 3 }), { timeout: 30_000 });
    expect((await runCommand(['cat', emulator.job('1.emulator')?.stdoutPath ?? ''], {})).stdout).toBe('hello from 1.emulator\n');
    const withoutHistory = await runCommand(['qstat', '-f', '-F', 'json', '1.emulator'], emulator.env);
    expect(withoutHistory.exitCode).toBe(35);
  });

  it('keeps jobs queued beyond the running limit and starts them as others end', async () => {
    emulator = await createPbsEmulator({ flavor: 'pbspro', maxRunning: 1 });
    await runCommand(['qsub', script('first', 'sleep 30')], emulator.env);
    await runCommand(['qsub', script('second', 'exit 0')], emulator.env);
    expect((await qstat()).jobs['2.emulator']?.job_state).toBe('Q');
    const deletion = await runCommand(['qdel', '1.emulator', '9.emulator'], emulator.env);
    expect(deletion).toMatchObject({ exitCode: 153, stderr: 'qdel: Unknown Job Id 9.emulator\n' });
    await vi.waitFor(async () => {
      const { jobs } = await qstat();
      expect(jobs['1.emulator']).toMatchObject({ job_state: 'F', substate: 91 });
      expect(jobs['2.emulator']).toMatchObject({ job_state: 'F', Exit_status: 0 });
    }, { timeout: 30_000 });
  });

  it('kills a job at its walltime with PBS Pro exit status -29', async () => {
    emulator = await createPbsEmulator({ flavor: 'pbspro' });
    const path = script('long', 'sleep 30');
    await runCommand(['qsub', '-l', 'walltime=00:00:01', path], emulator.env);
    await vi.waitFor(async () => expect((await qstat('1.emulator')).jobs['1.emulator']).toMatchObject({ job_state: 'F', Exit_status: -29 }), { timeout: 30_000 });
  });

  it('submits arrays with -J and gives each task its index', async () => {
    emulator = await createPbsEmulator({ flavor: 'pbspro' });
    const submit = await runCommand(['qsub', '-J', '0-2', script('array', 'exit $(( PBS_ARRAY_INDEX + 10 ))')], emulator.env);
    expect(submit.stdout).toBe('1[].emulator\n');
    await vi.waitFor(async () => {
      const { jobs } = await qstat('1[0].emulator', '1[1].emulator', '1[2].emulator');
      expect(Object.values(jobs).map((job) => [job.job_state, job.Exit_status])).toEqual([['X', 10], ['X', 11], ['X', 12]]);
    }, { timeout: 30_000 });
    expect((await qstat('1[].emulator')).jobs['1[].emulator']?.job_state).toBe('F');
  });

  it('refuses Torque syntax as the real qsub does', async () => {
    emulator = await createPbsEmulator({ flavor: 'pbspro' });
    expect((await runCommand(['qsub', '-t', '0-1', script('a', 'true')], emulator.env)).stderr).toContain("invalid option -- 't'");
    expect((await runCommand(['qsub', '-l', 'nodes=1:ppn=2', script('b', 'true')], emulator.env)).stderr).toContain('Unknown resource Resource_List.nodes');
  });

  it('injects transient submit failures, status failures, hangs, garbage and vanished jobs', async () => {
    emulator = await createPbsEmulator({ flavor: 'pbspro' });
    emulator.failSubmits(2);
    const path = script('faulty', 'sleep 30');
    const attempts = [await runCommand(['qsub', path], emulator.env), await runCommand(['qsub', path], emulator.env), await runCommand(['qsub', path], emulator.env)];
    expect(attempts.map((attempt) => attempt.exitCode)).toEqual([1, 1, 0]);
    expect(attempts[0]?.stderr).toContain('cannot connect to server');
    emulator.failStatus(1);
    expect(await runCommand(['qstat', '-x', '-f', '-F', 'json'], emulator.env)).toMatchObject({ exitCode: 1, stdout: '' });
    emulator.setStatusMode('garbage');
    expect((await runCommand(['qstat', '-x', '-f', '-F', 'json'], emulator.env)).stdout).toContain('garbled');
    emulator.setStatusMode('hang');
    const started = Date.now();
    expect((await runCommand(['qstat', '-x', '-f', '-F', 'json'], emulator.env, 500)).exitCode).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    emulator.setStatusMode('ok');
    await vi.waitFor(() => expect(emulator.job('1.emulator')?.pid).toBeDefined(), { timeout: 30_000 });
    const pid = emulator.job('1.emulator')?.pid ?? 0;
    expect(emulator.vanish('1.emulator')).toBe(true);
    const result = await qstat('1.emulator');
    expect(result).toMatchObject({ exitCode: 153, stderr: 'qstat: Unknown Job Id 1.emulator\n', jobs: {} });
    await vi.waitFor(() => expect(() => process.kill(pid, 0)).toThrow(), { timeout: 30_000 });
  });
});
