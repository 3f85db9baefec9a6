import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunCommandLine, runSettingsFromFlags } from '../src/index.js';
import { rankProcesses } from './rank-processes.js';
import { unusedPort } from './unused-port.js';

const tsx = createRequire(import.meta.url).resolve('tsx');
const jqRun = join(import.meta.dirname, '..', 'src', 'run-main.ts');
const file = join(import.meta.dirname, 'fixtures', 'sum-of-squares.mjs');
const processes = rankProcesses();

describe("jq-run's command line", () => {
  it('takes flags up to the file; what follows the file is its own, flags included', () => {
    expect(parseRunCommandLine(['--port', '47000', '--scheduler-host=vm', 'main.js', '--port', '1', 'x'])).toEqual({
      flags: { port: '47000', schedulerHost: 'vm' },
      file: 'main.js',
      args: ['--port', '1', 'x'],
    });
    expect(parseRunCommandLine(['--dask', '--python', '/opt/py/bin/python3', 'analysis.py', '--input', 'data.csv'])).toEqual({
      flags: { dask: true, python: '/opt/py/bin/python3' },
      file: 'analysis.py',
      args: ['--input', 'data.csv'],
    });
    expect(parseRunCommandLine(['--threads', '2', '--', '--odd-name.js'])).toEqual({ flags: { threads: '2' }, file: '--odd-name.js', args: [] });
  });

  it('names an unknown flag with the nearest one, and a missing file', () => {
    expect(() => parseRunCommandLine(['--deth-timeout', '30', 'main.js'])).toThrow('[jq/runner] --deth-timeout: not a flag of jq-run; did you mean --death-timeout?');
    expect(() => parseRunCommandLine(['--prot', '47000', 'main.js'])).toThrow('did you mean --port?');
    expect(() => parseRunCommandLine(['--verbose', 'main.js'])).toThrow(/--verbose: not a flag of jq-run \(flags: --dask, --handshake-file, --port/);
    expect(() => parseRunCommandLine(['--threads', '2'])).toThrow('[jq/runner] no file to run: jq-run [flags…] <file> [args…]');
  });

  it('turns checked flags into run options', () => {
    expect(runSettingsFromFlags({ port: '47000', schedulerHost: 'node01', threads: '4', deathTimeout: '20', connectTimeout: '60' })).toEqual({
      dask: false,
      options: { port: 47_000, schedulerHost: 'node01', threads: 4, deathTimeout: 20, connectTimeout: 60 },
    });
    expect(runSettingsFromFlags({ handshakeFile: '/scratch/h.json' })).toEqual({ dask: false, options: { handshakeFile: '/scratch/h.json' } });
    expect(runSettingsFromFlags({ dask: true, python: '/usr/bin/python3', threads: '2' })).toEqual({ dask: true, options: { python: '/usr/bin/python3', threads: 2 } });
  });

  it.each([
    [{ port: '70000' }, '[jq/runner] --port: expected a port number 1–65535 (got "70000")'],
    [{ port: '47000x' }, '--port: expected a port number 1–65535 (got "47000x")'],
    [{ port: '47000', handshakeFile: '/tmp/h.json' }, '--port and --handshake-file are two ways for the ranks to meet'],
    [{ schedulerHost: 'vm' }, '--scheduler-host only goes with --port'],
    [{ dask: true, port: '47000' }, '--port and --scheduler-host are for TypeScript runs'],
    [{ dask: true, handshakeFile: '/tmp/h.json' }, '--handshake-file is for TypeScript runs'],
    [{ python: '/usr/bin/python3' }, '--python only goes with --dask'],
    [{ threads: '0' }, '--threads: expected a whole number of at least 1 (got "0")'],
    [{ deathTimeout: '1.5' }, '--death-timeout: expected a whole number of at least 1 (got "1.5")'],
  ])('refuses %o', (flags, message) => {
    expect(() => runSettingsFromFlags(flags)).toThrow(message);
  });
});

describe('jq-run across rank processes', () => {
  function rank(rankIndex: number, size: number, argv: string[], directory: string, environment: Record<string, string | undefined> = {}) {
    const child = spawn(process.execPath, ['--import', tsx, '--conditions=@jq/source', jqRun, ...argv], {
      detached: true,
      cwd: directory,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...environment, SLURM_PROCID: String(rankIndex), SLURM_NTASKS: String(size), SLURM_JOB_ID: 'jq-run-flags', SLURM_SUBMIT_DIR: directory },
    });
    processes.track(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { exit, stdout: () => stdout, stderr: () => stderr };
  }

  it('meets at --port with JQ_RUN_SECRET: rank 0 prints the result, the file gets its own arguments, no file is left', async () => {
    const where = processes.directory('jq-run-flags-');
    const argv = ['--port', String(await unusedPort()), '--death-timeout', '20', file, '300', '--port', 'mine'];
    const environment = { JQ_RUN_SECRET: 'r'.repeat(64), SLURM_JOB_NODELIST: 'localhost' };
    const all = [rank(0, 3, argv, where, environment), rank(1, 3, argv, where, environment), rank(2, 3, argv, where, environment)];
    const codes = await Promise.all(all.map((one) => one.exit));
    expect(codes, all.map((one) => one.stderr()).join('\n---\n')).toEqual([0, 0, 0]);
    expect(JSON.parse(all[0]!.stdout().trim())).toEqual({ total: (299 * 300 * 599) / 6, args: ['300', '--port', 'mine'] });
    expect(all[1]!.stdout()).toBe('');
    expect(readdirSync(where)).toEqual([]);
  });

  it('a wrong flag: the message, the usage, exit 2, nothing started', async () => {
    const where = processes.directory('jq-run-flags-');
    const wrong = rank(0, 2, ['--prot', '47000', file, '10'], where);
    expect(await wrong.exit).toBe(2);
    expect(wrong.stderr()).toContain('--prot: not a flag of jq-run; did you mean --port?');
    expect(wrong.stderr()).toContain('usage: jq-run [--port N');
    const secretless = rank(1, 2, ['--port', '47000', file, '10'], where, { JQ_RUN_SECRET: undefined, SLURM_JOB_NODELIST: 'vm' });
    expect(await secretless.exit).toBe(2);
    expect(secretless.stderr()).toContain('JQ_RUN_SECRET: a run at a fixed port needs a secret of at least 32 characters');
    expect(readdirSync(where)).toEqual([]);
  });
});
