import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BatchEmulator, createPbsEmulator } from '../src/index.js';
import { runCommand } from './run-command.js';

let emulator: BatchEmulator;
afterEach(() => emulator.close());

function script(name: string, body: string, resources = 'nodes=1:ppn=1'): string {
  const path = join(emulator.stateDirectory, name);
  writeFileSync(path, `#!/usr/bin/env bash\n#PBS -N ${name}\n#PBS -l ${resources}\n${body}\n`);
  return path;
}

function states(text: string): Record<string, Record<string, string>> {
  const jobs: Record<string, Record<string, string>> = {};
  let current: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const header = /^Job Id: (\S+)/.exec(line);
    if (header) jobs[header[1] ?? ''] = current = {};
    const field = /^\s+(\S+) = (.*)$/.exec(line);
    if (field) current[field[1] ?? ''] = field[2] ?? '';
  }
  return jobs;
}

describe('Torque emulator', () => {
  it('prints qstat -f text with exit_status and keeps completed jobs as C', async () => {
    emulator = await createPbsEmulator({ flavor: 'torque', server: 'head' });
    expect((await runCommand(['qsub', '-q', 'short', script('ok', 'exit 4')], emulator.env)).stdout).toBe('1.head\n');
    await vi.waitFor(async () => {
      const { stdout } = await runCommand(['qstat', '-f', '1.head'], emulator.env);
      expect(states(stdout)['1.head']).toMatchObject({ job_state: 'C', exit_status: '4', queue: 'short', Job_Name: 'ok' });
    }, { timeout: 30_000 });
    expect(await runCommand(['qstat', '-f', '7.head'], emulator.env)).toMatchObject({ exitCode: 153, stderr: 'qstat: Unknown Job Id Error 7.head\n' });
  });

  it('runs -t arrays with PBS_ARRAYID and refuses PBS Pro syntax', async () => {
    emulator = await createPbsEmulator({ flavor: 'torque', server: 'head' });
    expect((await runCommand(['qsub', '-t', '0-1', script('array', 'exit $PBS_ARRAYID')], emulator.env)).stdout).toBe('1[].head\n');
    await vi.waitFor(async () => {
      const jobs = states((await runCommand(['qstat', '-f', '1[0].head', '1[1].head'], emulator.env)).stdout);
      expect([jobs['1[0].head']?.exit_status, jobs['1[1].head']?.exit_status]).toEqual(['0', '1']);
    }, { timeout: 30_000 });
    expect((await runCommand(['qsub', '-J', '0-1', script('a', 'true')], emulator.env)).stderr).toContain("invalid option -- 'J'");
    expect((await runCommand(['qsub', script('b', 'true', 'select=1:ncpus=2')], emulator.env)).stderr).toContain('Unknown resource Resource_List.select');
  });

  it('kills at walltime with Torque exit status -11 and deletes with 271', async () => {
    emulator = await createPbsEmulator({ flavor: 'torque', server: 'head' });
    await runCommand(['qsub', '-l', 'walltime=1', script('long', 'sleep 30')], emulator.env);
    await runCommand(['qsub', script('deleted', 'sleep 30')], emulator.env);
    await vi.waitFor(() => expect(emulator.job('2.head')?.pid).toBeDefined(), { timeout: 30_000 });
    expect((await runCommand(['qdel', '2.head'], emulator.env)).exitCode).toBe(0);
    await vi.waitFor(async () => {
      const jobs = states((await runCommand(['qstat', '-f'], emulator.env)).stdout);
      expect([jobs['1.head']?.exit_status, jobs['2.head']?.exit_status]).toEqual(['-11', '271']);
    }, { timeout: 30_000 });
  });
});
