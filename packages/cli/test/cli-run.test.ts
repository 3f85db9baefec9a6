import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { binaryPath, jobqueue } from './support/run-cli.js';

const fixture = join(import.meta.dirname, 'fixtures', 'run-squares.mjs');
const started: ChildProcess[] = [];
const directories: string[] = [];
afterEach(() => {
  for (const child of started.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/**
 * Starts `size` ranks of the built `jobqueue run` as `srun -n size` would: SLURM_PROCID and
 * SLURM_NTASKS set. They meet through a handshake file, or at `port` with a shared secret.
 */
function ranks(size: number, args: string[], port?: number) {
  const directory = mkdtempSync(join(tmpdir(), 'jq-cli-run-'));
  directories.push(directory);
  const meeting = port === undefined ? ['--handshake-file', join(directory, 'handshake.json')] : ['--port', String(port)];
  const secret = port === undefined ? {} : { JQ_RUN_SECRET: 'c'.repeat(64), SLURM_JOB_NODELIST: 'localhost' };
  return Array.from({ length: size }, (_, rank) => {
    const child = spawn(process.execPath, [binaryPath, 'run', ...meeting, '--death-timeout', '20', ...args], {
      detached: true,
      cwd: directory,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...secret, SLURM_PROCID: String(rank), SLURM_NTASKS: String(size), SLURM_JOB_ID: 'cli-run', SLURM_SUBMIT_DIR: directory },
    });
    started.push(child);
    let stdout = '';
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), (output += chunk.toString())));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { exit, stdout: () => stdout, output: () => output, directory };
  });
}

describe('jobqueue run inside one allocation', () => {
  it('on 3 ranks: rank 0 runs the file on the other two as workers and prints its result as JSON (alone on stdout); every rank exits 0', { timeout: 240_000 }, async () => {
    const all = ranks(3, [fixture, '500']);
    const codes = await Promise.all(all.map((rank) => rank.exit));
    expect(codes, all.map((rank) => rank.output()).join('\n---\n')).toEqual([0, 0, 0]);
    const result = JSON.parse(all[0]!.stdout().trim()) as { total: number; workerPids: number; mainPid: number };
    expect(result.total).toBe((499 * 500 * 999) / 6);
    expect(result.workerPids).toBe(2);
    // The result is rank 0's alone: worker ranks print nothing on stdout.
    expect(all[1]!.stdout()).toBe('');
    expect(all[2]!.stdout()).toBe('');
  });

  it('outside an allocation, or with a bad number: one line naming the problem, exit 2', async () => {
    const environment = { SLURM_PROCID: undefined, SLURM_NTASKS: undefined, PMI_RANK: undefined, OMPI_COMM_WORLD_RANK: undefined, PBS_TASKNUM: undefined, LSF_PM_TASKID: undefined };
    const outside = await jobqueue(['run', fixture], { env: environment });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/no rank in the environment/);
    const threads = await jobqueue(['run', '--threads', '0', fixture], { env: environment });
    expect(threads.code).toBe(2);
    expect(threads.stderr).toContain('--threads: expected a whole number of at least 1 (got "0")');
    const python = await jobqueue(['run', '--python', '/usr/bin/python3', fixture], { env: environment });
    expect(python.code).toBe(2);
    expect(python.stderr).toContain('--python only goes with --dask');
  });

  it('at a fixed port with JQ_RUN_SECRET: the same run with no handshake file anywhere', { timeout: 240_000 }, async () => {
    const all = ranks(3, [fixture, '500'], await unusedPort());
    const codes = await Promise.all(all.map((rank) => rank.exit));
    expect(codes, all.map((rank) => rank.output()).join('\n---\n')).toEqual([0, 0, 0]);
    expect((JSON.parse(all[0]!.stdout().trim()) as { total: number }).total).toBe((499 * 500 * 999) / 6);
    expect(readdirSync(all[0]!.directory)).toEqual([]);
  });

  it('refuses a bad port, two meeting places, a host without a port and a missing secret: one line each, exit 2', async () => {
    const rank = { SLURM_PROCID: '1', SLURM_NTASKS: '2', SLURM_JOB_NODELIST: 'vm', JQ_RUN_SECRET: undefined };
    const refusals: Array<[string[], string]> = [
      [['--port', '70000'], '--port: expected a port number 1–65535 (got "70000")'],
      [['--port', '47000', '--handshake-file', '/tmp/h.json'], '--port and --handshake-file are two ways for the ranks to meet'],
      [['--scheduler-host', 'vm'], '--scheduler-host only goes with --port'],
      [['--port', '47000', '--dask'], '--port and --scheduler-host are for TypeScript runs'],
      [['--port', '47000'], 'JQ_RUN_SECRET: a run at a fixed port needs a secret of at least 32 characters'],
    ];
    for (const [flags, message] of refusals) {
      const result = await jobqueue(['run', ...flags, fixture], { env: rank });
      expect({ flags, code: result.code }).toEqual({ flags, code: 2 });
      expect(result.stderr).toContain(message);
    }
  });
});

async function unusedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  return port;
}
