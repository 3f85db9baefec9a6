import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jobqueue } from './support/run-cli.js';

// A PATH of fake batch programs (the process boundary): one that answers, one that fails.
const fakeBin = mkdtempSync(join(tmpdir(), 'jq-cli-doctor-'));
const program = (name: string, script: string) => writeFileSync(join(fakeBin, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
program('sbatch', 'echo "slurm 23.02.1"');
program('squeue', 'echo "slurm_load_jobs error: Unable to contact slurm controller (connect failure)" >&2; exit 1');
program('scancel', 'exit 0');
program('sacct', 'exit 0');
afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));

describe('jobqueue doctor', () => {
  it('reports an absent batch system with its fix, exit 1', async () => {
    const run = await jobqueue(['doctor', 'lsf'], { env: { PATH: '/nonexistent' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('missing bsub, bjobs, bkill');
    expect(run.stdout).toContain('lsf: source profile.lsf');
  });

  it('reports a status command that fails with its message, and the version, exit 1', async () => {
    const run = await jobqueue(['doctor', 'slurm', '--json'], { env: { PATH: `${fakeBin}:/usr/bin:/bin` } });
    expect(run.code).toBe(1);
    const [slurm] = (JSON.parse(run.stdout) as { batchSystems: Array<Record<string, unknown>> }).batchSystems;
    expect(slurm).toMatchObject({ backend: 'slurm', missing: [], version: 'slurm 23.02.1', status: 'fails', accounting: 'answers', usable: false });
    expect(slurm!.fix).toContain('Unable to contact slurm controller');
  });

  it('lists the IPv4 interfaces and the address advice', async () => {
    const run = await jobqueue(['doctor', 'local']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('127.0.0.1  (loopback: this machine only)');
    expect(run.stdout).toMatch(/scheduler listens on 127\.0\.0\.1 by default/);
  });

  it('refuses an unknown backend, exit 2', async () => {
    const run = await jobqueue(['doctor', 'oar']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown backend "oar"');
  });
});
