import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { rankProcesses, signalGroup } from './rank-processes.js';
import { unusedPort } from './unused-port.js';

const tsx = createRequire(import.meta.url).resolve('tsx');
const program = join(import.meta.dirname, 'fixtures', 'rank-program.ts');
const processes = rankProcesses();

/** A run's ranks meet through a handshake file in `directory`, or at a fixed port with a shared secret. */
interface Meeting {
  port: number;
  environment: Record<string, string>;
  /** Rank 0's host as `schedulerHost`; default: the first node of SLURM_JOB_NODELIST. */
  schedulerHost?: string;
}

/** Starts `size` ranks as srun would (SLURM_PROCID, SLURM_NTASKS), each in a process group of its own. */
async function launch(size: number, tasks: number, meeting?: Meeting & { rankZeroDelayMs: number }) {
  const directory = processes.directory('jq-run-');
  const where = meeting === undefined ? join(directory, 'handshake.json') : `--port=${meeting.port}`;
  const start = (rank: number) => {
    const child = spawn(process.execPath, ['--import', tsx, '--conditions=@jq/source', program, where, String(tasks), ...(meeting?.schedulerHost === undefined ? [] : [meeting.schedulerHost])], {
      detached: true,
      cwd: directory,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...meeting?.environment, SLURM_PROCID: String(rank), SLURM_NTASKS: String(size), SLURM_JOB_ID: 'test', SLURM_SUBMIT_DIR: directory },
    });
    return processes.track(child);
  };
  // Rank 0 last, when asked, so the workers are already dialing a port nobody listens on.
  const workers = Array.from({ length: size - 1 }, (_, index) => start(index + 1));
  if (meeting) await new Promise((resolve) => setTimeout(resolve, meeting.rankZeroDelayMs));
  const started = [start(0), ...workers];
  const exits = started.map((child) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))));
  let output = '';
  started[0]!.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const lines = () => output.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { total?: number; completed?: number; secretsInTasks?: string[] });
  const result = new Promise<{ total: number }>((resolve, reject) => {
    started[0]!.once('exit', (code) => {
      const total = lines().find((line) => line.total !== undefined);
      if (total) resolve(total as { total: number });
      else reject(new Error(`rank 0 exited with ${code} and printed no total`));
    });
  });
  // Where rank 0 is killed on purpose, nobody awaits its result.
  result.catch(() => undefined);
  const completed = () => Math.max(0, ...lines().map((line) => line.completed ?? 0));
  const secretsInTasks = () => lines().find((line) => line.secretsInTasks !== undefined)?.secretsInTasks;
  return { directory, started, exits, result, completed, secretsInTasks };
}

const expectedTotal = (tasks: number) => Array.from({ length: tasks }, (_, index) => index * index).reduce((sum, value) => sum + value, 0);

describe('runInAllocation across rank processes', () => {
  it('rank 0 maps 1,000 tasks on the 3 worker ranks; every rank exits 0 after', async () => {
    const { exits, result } = await launch(4, 1000);
    expect((await result).total).toBe(expectedTotal(1000));
    expect(await Promise.all(exits)).toEqual([0, 0, 0, 0]);
  });

  it('finishes the map when a worker rank dies in the middle of it', async () => {
    const { started, exits, result, completed } = await launch(4, 1000);
    await vi.waitFor(() => expect(completed()).toBeGreaterThanOrEqual(200), { timeout: 240_000, interval: 50 });
    signalGroup(started[2]!, 'SIGKILL');
    expect((await result).total).toBe(expectedTotal(1000));
    expect(completed()).toBe(1000);
    const codes = await Promise.all(exits);
    expect([codes[0], codes[1], codes[3]]).toEqual([0, 0, 0]);
  });

  it('ends every worker rank within the death timeout when rank 0 dies', async () => {
    const { started, exits, completed } = await launch(3, 20_000);
    await vi.waitFor(() => expect(completed()).toBeGreaterThanOrEqual(100), { timeout: 240_000, interval: 50 });
    const killedAt = Date.now();
    signalGroup(started[0]!, 'SIGKILL');
    await vi.waitFor(async () => expect(await Promise.race([Promise.all(exits.slice(1)), new Promise((resolve) => setTimeout(() => resolve('running'), 50))])).not.toBe('running'), { timeout: 60_000, interval: 100 });
    // deathTimeout is 20 s; the bound leaves room for a loaded machine.
    expect(Date.now() - killedAt).toBeLessThan(90_000);
  });

  it('at a fixed port: worker ranks started before rank 0 listens dial until it does, the map completes, and no file is written', async () => {
    const meeting = { port: await unusedPort(), rankZeroDelayMs: 2000, environment: { JQ_RUN_SECRET: 'f'.repeat(64), SLURM_JOB_NODELIST: 'localhost' } };
    const { directory, exits, result, secretsInTasks } = await launch(3, 1000, meeting);
    expect((await result).total).toBe(expectedTotal(1000));
    expect(await Promise.all(exits)).toEqual([0, 0, 0]);
    expect(readdirSync(directory)).toEqual([]);
    // Neither the worker's secret nor the run's shared one is readable by task code.
    expect(secretsInTasks()).toEqual([]);
  });

  it('at a fixed port on an IPv6 host: rank 0 listens on it and the worker ranks dial tcp://[::1]:port', async () => {
    const meeting = { port: await unusedPort(), rankZeroDelayMs: 0, schedulerHost: '::1', environment: { JQ_RUN_SECRET: 'f'.repeat(64), SLURM_JOB_NODELIST: 'localhost' } };
    const { exits, result } = await launch(3, 200, meeting);
    expect((await result).total).toBe(expectedTotal(200));
    expect(await Promise.all(exits)).toEqual([0, 0, 0]);
  });
});
