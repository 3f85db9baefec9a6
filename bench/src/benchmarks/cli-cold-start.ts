/**
 * 6. CLI cold start: `jobqueue script <backend>` and `jobqueue --version` as a user runs
 * them, the built `dist/main.js` in a fresh `node` each time, under GNU time for wall
 * and CPU (user + system) seconds. A bare `node -e 0` in the same run is the floor.
 * The peer, dask-jobqueue's `SLURMCluster(...).job_script()`, runs when
 * /usr/bin/python3 can import it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatNumber, formatRatio } from '../support/bench-report.js';
import { runBenchmark } from '../support/bench-run.js';
import { quick } from '../support/bench-settings.js';
import { quantile } from '../support/bench-timing.js';

const repetitions = quick ? 3 : 10;
const cliEntry = fileURLToPath(new URL('../../../packages/cli/dist/main.js', import.meta.url));
const daskJobqueueScript = "from dask_jobqueue import SLURMCluster; print(SLURMCluster(cores=4, memory='8GB').job_script())";

interface Timing {
  wall: number;
  cpu: number;
}

interface Case {
  label: string;
  argv: string[];
  /** Text the output must contain, so a run that failed fast cannot count. */
  expect: string;
}

/** One run under `/usr/bin/time`: its wall and user + system seconds. */
function timed(directory: string, run: Case): Timing {
  const report = join(directory, 'time.txt');
  const child = spawnSync('/usr/bin/time', ['-o', report, '-f', '%e %U %S', ...run.argv], { encoding: 'utf8', timeout: 60_000 });
  if (child.status !== 0 || !child.stdout.includes(run.expect)) {
    throw new Error(`[jq/bench] ${run.label} exited ${String(child.status)} without "${run.expect}": ${child.stderr.slice(0, 400)}`);
  }
  const [wall, user, system] = readFileSync(report, 'utf8').trim().split(/\s+/).slice(-3).map(Number) as [number, number, number];
  return { wall, cpu: user + system };
}

function daskJobqueueImportable(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import dask_jobqueue'], { stdio: 'ignore', timeout: 60_000 }).status === 0;
}

await runBenchmark('cli-cold-start', `6. CLI cold start: a fresh process each run (median of ${repetitions})`, async () => {
  if (!existsSync(cliEntry)) throw new Error(`[jq/bench] ${cliEntry} is missing: build @jq/cli first (pnpm bench does)`);
  const cases: Case[] = [
    { label: 'jobqueue script slurm --cores 4 --memory 8GB', argv: [process.execPath, cliEntry, 'script', 'slurm', '--cores', '4', '--memory', '8GB'], expect: '#SBATCH' },
    { label: 'jobqueue script pbs --cores 4 --memory 8GB', argv: [process.execPath, cliEntry, 'script', 'pbs', '--cores', '4', '--memory', '8GB'], expect: '#PBS' },
    { label: 'jobqueue --version', argv: [process.execPath, cliEntry, '--version'], expect: '.' },
    { label: 'bare node -e 0 (the floor)', argv: [process.execPath, '-e', 'process.stdout.write(".")'], expect: '.' },
  ];
  const peer = daskJobqueueImportable();
  if (peer) cases.push({ label: 'dask-jobqueue SLURMCluster(...).job_script()', argv: ['/usr/bin/python3', '-c', daskJobqueueScript], expect: '#SBATCH' });
  const directory = mkdtempSync(join(tmpdir(), 'jq-bench-cli-'));
  const timings = new Map<string, Timing[]>(cases.map((run) => [run.label, []]));
  try {
    // Interleaved, so a change of the machine's load falls on every case alike.
    for (let index = 0; index < repetitions; index += 1) {
      for (const run of cases) timings.get(run.label)?.push(timed(directory, run));
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const median = (values: number[]): number => quantile(values, 0.5);
  const seconds = (value: number): string => formatNumber(value, 2);
  const range = (values: number[]): string => `${seconds(Math.min(...values))}–${seconds(Math.max(...values))}`;
  const slurmCpu = median((timings.get(cases[0]!.label) ?? []).map((timing) => timing.cpu));
  const peerCpu = peer ? median((timings.get(cases[4]!.label) ?? []).map((timing) => timing.cpu)) : undefined;
  const rows = cases.map((run) => {
    const samples = timings.get(run.label) ?? [];
    const cpu = samples.map((timing) => timing.cpu);
    const wall = samples.map((timing) => timing.wall);
    return [run.label, seconds(median(cpu)), range(cpu), seconds(median(wall)), range(wall)];
  });
  return {
    table: { columns: ['command', 'CPU s (median)', 'CPU range', 'wall s (median)', 'wall range'], rows },
    figures: { repetitions, timings: Object.fromEntries(timings), scriptSlurmCpuSeconds: slurmCpu, ...(peer ? { daskJobqueueCpuSeconds: peerCpu, fasterThanDaskJobqueue: formatRatio(slurmCpu, peerCpu, false) } : {}) },
    notes: [
      'CPU = user + system seconds of the process (GNU time); on a shared machine it moves far less with the load than wall time does. Issue 14 target: script within 0.5 s',
      peer ? `dask-jobqueue peer: jobqueue script slurm uses ${formatRatio(slurmCpu, peerCpu, false)} less CPU` : 'no dask-jobqueue peer: /usr/bin/python3 cannot import dask_jobqueue here (Debian bookworm does not package it)',
    ],
  };
});
