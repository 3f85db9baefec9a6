// The runner in a real Slurm allocation of two nodes: `sbatch -N 2 -n 4 -p pair`, whose
// script runs the rank program on every task with `srun`. Partition `pair` of
// ci/slurm/up.sh spans two Slurm nodes, each with its own slurmd on this one machine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unusedPort } from '../test/unused-port.js';

const tsx = createRequire(import.meta.url).resolve('tsx');
const program = join(import.meta.dirname, '..', 'test', 'fixtures', 'rank-program.ts');
const jobs: string[] = [];
const directories: string[] = [];

afterEach(() => {
  for (const id of jobs.splice(0)) execFileSync('scancel', [id], { stdio: 'ignore' });
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const run = (executable: string, args: string[]) => execFileSync(executable, args, { encoding: 'utf8', timeout: 30_000 });
const linesOf = (file: string) => { try { return readFileSync(file, 'utf8').split('\n').filter(Boolean); } catch { return []; } };
const expectedTotal = Array.from({ length: 1000 }, (_, index) => index * index).reduce((sum, value) => sum + value, 0);

/**
 * Submits the rank program on 4 tasks over both nodes of partition `pair`, meeting through
 * a handshake file or at `port`, and waits until the job has left the queue.
 */
async function runOnTwoNodes(port?: number) {
  const nodes = run('sinfo', ['--noheader', '--Node', '--partition=pair', '--format=%N']).split('\n').map((line) => line.trim()).filter(Boolean).sort();
  expect(nodes).toHaveLength(2);
  const directory = mkdtempSync(join(tmpdir(), 'jq-runner-two-nodes-'));
  directories.push(directory);
  const output = join(directory, 'job.out');
  const placements = join(directory, 'ranks.txt');
  const meeting = port === undefined ? join(directory, 'handshake.json') : `--port=${port}`;
  const command = [process.execPath, '--import', tsx, '--conditions=@jq/source', program, meeting, '1000'].join(' ');
  // Each rank notes where Slurm placed it (one short O_APPEND write), then becomes the rank program.
  const rank = `echo "$SLURM_PROCID $SLURMD_NODENAME $SLURM_NODEID" >> ${placements}; exec ${command}`;
  // The shared secret of a fixed-port run is made in the batch script and reaches every rank through srun's environment.
  const secret = port === undefined ? '' : 'export JQ_RUN_SECRET=$(od -An -N32 -tx1 /dev/urandom | tr -d " \\n"); ';
  const id = run('sbatch', ['--parsable', '-N', '2', '-n', '4', '-p', 'pair', '--mem-per-cpu=400M', '-J', 'jq-runner-two-nodes', '-o', output, '-D', directory, '--wrap', `${secret}srun --kill-on-bad-exit=0 sh -c '${rank}'`]).trim();
  jobs.push(id);
  await vi.waitFor(() => expect(run('squeue', ['-h', '-j', id, '-o', '%i']).trim()).toBe(''), { timeout: 240_000, interval: 500 });
  return { id, nodes, directory, output, placements };
}

describe('runInAllocation in a real two-node Slurm allocation', () => {
  it('sbatch -N 2 -n 4 -p pair: the ranks run on both nodes, rank 0 maps 1,000 tasks, COMPLETED 0:0', async () => {
    const { id, nodes, output, placements } = await runOnTwoNodes();
    const total = linesOf(output).filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { total?: number }).find((line) => line.total !== undefined)?.total;
    expect(total).toBe(expectedTotal);
    const ranks = linesOf(placements).map((line) => line.split(' ')).sort(([a], [b]) => Number(a) - Number(b));
    expect(ranks.map(([procid]) => procid)).toEqual(['0', '1', '2', '3']);
    // Spread over both nodes, and each node's SLURM_NODEID agrees with its name.
    expect([...new Set(ranks.map(([, node]) => node))].sort()).toEqual(nodes);
    expect(new Set(ranks.map(([, node, nodeId]) => `${node} ${nodeId}`)).size).toBe(2);
    await expectCompleted(id, nodes);
  });

  it('at a fixed port with JQ_RUN_SECRET from the batch script: rank 0 at the first node of SLURM_JOB_NODELIST, no file in the submit directory, COMPLETED 0:0', async () => {
    const { id, nodes, directory, output, placements } = await runOnTwoNodes(await unusedPort());
    const total = linesOf(output).filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { total?: number }).find((line) => line.total !== undefined)?.total;
    expect(total, linesOf(output).slice(-20).join('\n')).toBe(expectedTotal);
    expect(linesOf(placements)).toHaveLength(4);
    expect(readdirSync(directory).sort()).toEqual(['job.out', 'ranks.txt']);
    // Task code on the worker ranks sees neither the worker's secret nor JQ_RUN_SECRET.
    expect(linesOf(output).filter((line) => line.startsWith('{"secretsInTasks"'))).toEqual(['{"secretsInTasks":[]}']);
    await expectCompleted(id, nodes);
  });
});

async function expectCompleted(id: string, nodes: string[]): Promise<void> {
  await vi.waitFor(() => {
    const line = run('sacct', ['-n', '-X', '-P', '-j', id, '--format=State,ExitCode,NodeList']).trim();
    const [state, exitCode, nodeList = ''] = line.split('|');
    expect({ state, exitCode }).toEqual({ state: 'COMPLETED', exitCode: '0:0' });
    expect(run('scontrol', ['show', 'hostnames', nodeList]).split('\n').filter(Boolean).sort()).toEqual(nodes);
  }, { timeout: 30_000, interval: 500 });
}
