/**
 * `pnpm bench`: starts Slurm and Dask through ci/, runs every benchmark in its own
 * process with a time bound, and writes bench/results/latest.json and summary.md.
 *
 *   pnpm bench                 all seven, full sizes (about 15 minutes on 2 cores)
 *   pnpm bench --quick         reduced sizes, to try the harness
 *   pnpm bench --only a,b      some of them (names below)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { resultPrefix, type BenchResult } from './support/bench-report.js';
import { currentCommit, startServices, stopServices, type Services } from './support/bench-services.js';
import { describeMachine, renderSummary, type BenchRun } from './support/bench-summary.js';
import { waitForQuietMachine } from './support/machine-settle.js';

interface BenchmarkEntry {
  name: string;
  title: string;
  /** Hard bound: the process is terminated (its clusters cancel their jobs) after this. */
  timeoutSeconds: number;
  needs: Array<'slurm' | 'dask'>;
}

const benchmarks: BenchmarkEntry[] = [
  { name: 'worker-startup', title: '0. Worker cold start', timeoutSeconds: 180, needs: ['dask'] },
  { name: 'engine-throughput', title: '1. Engine throughput', timeoutSeconds: 600, needs: ['dask'] },
  { name: 'round-trip', title: '2. Single-task round trip', timeoutSeconds: 150, needs: ['dask'] },
  { name: 'slurm-scale', title: '3. scale(8) on Slurm', timeoutSeconds: 600, needs: ['slurm', 'dask'] },
  { name: 'status-polling', title: '4. Status polling cost', timeoutSeconds: 150, needs: [] },
  { name: 'worker-memory', title: '5. Worker memory', timeoutSeconds: 300, needs: ['dask'] },
  { name: 'cli-cold-start', title: '6. CLI cold start', timeoutSeconds: 300, needs: [] },
];

const resultsDirectory = fileURLToPath(new URL('../results/', import.meta.url));

function placeholder(entry: BenchmarkEntry, error: string, seconds = 0): BenchResult {
  return { benchmark: entry.name, title: entry.title, ok: false, error, seconds, table: { columns: ['error'], rows: [[error]] }, figures: {}, notes: [] };
}

async function runOne(entry: BenchmarkEntry, quick: boolean): Promise<BenchResult> {
  const file = fileURLToPath(new URL(`./benchmarks/${entry.name}.ts`, import.meta.url));
  // Each figure starts on a machine that has finished the build and the benchmark before.
  const quiet = await waitForQuietMachine();
  const machineAtStart = { loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100, ...quiet, idleFraction: Math.round(quiet.idleFraction * 100) / 100 };
  const began = performance.now();
  process.stdout.write(
    `\n[jq/bench] ${entry.name} (at most ${entry.timeoutSeconds} s); cores ${Math.round(quiet.idleFraction * 100)} % idle` +
      `${quiet.waitedSeconds > 0 ? ` after waiting ${quiet.waitedSeconds} s${quiet.settled ? '' : ' (gave up: still busy)'}` : ''}, load average ${machineAtStart.loadAverage}\n`,
  );
  const child = await execa(process.execPath, [...process.execArgv, file], {
    reject: false,
    timeout: entry.timeoutSeconds * 1000,
    // SIGTERM first: the benchmark's clusters cancel their jobs on it.
    killSignal: 'SIGTERM',
    forceKillAfterDelay: 20_000,
    env: quick ? { JQ_BENCH_QUICK: '1' } : {},
    stdout: ['pipe', 'inherit'],
    stderr: 'inherit',
  });
  const line = child.stdout.split('\n').find((candidate) => candidate.startsWith(resultPrefix));
  const seconds = Math.round((performance.now() - began) / 1000);
  if (child.timedOut) return { ...placeholder(entry, `cut off at its ${entry.timeoutSeconds} s bound`, seconds), machineAtStart };
  if (line === undefined) return { ...placeholder(entry, `exited ${String(child.exitCode)} without a result`, seconds), machineAtStart };
  return { ...(JSON.parse(line.slice(resultPrefix.length)) as BenchResult), machineAtStart };
}

function missingService(entry: BenchmarkEntry, services: Services): string | undefined {
  const missing = entry.needs.filter((service) => !services[service].available);
  return missing.length === 0 ? undefined : `skipped: ${missing.map((service) => `${service} unavailable (${services[service].error ?? 'not answering'})`).join('; ')}`;
}

async function main(): Promise<number> {
  // `pnpm bench -- --quick` hands the `--` through: drop it.
  const args = process.argv.slice(2).filter((argument) => argument !== '--');
  const { values } = parseArgs({ args, options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } }, allowPositionals: false });
  const only = values.only?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !benchmarks.some((entry) => entry.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`[jq/bench] unknown benchmark(s) ${unknown.join(', ')}; known: ${benchmarks.map((entry) => entry.name).join(', ')}`);
  const selected = benchmarks.filter((entry) => only === undefined || only.includes(entry.name));

  const began = performance.now();
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  const services = await startServices();
  const results: BenchResult[] = [];
  try {
    for (const entry of selected) {
      const skip = missingService(entry, services);
      results.push(skip === undefined ? await runOne(entry, values.quick) : placeholder(entry, skip));
    }
  } finally {
    await stopServices(services);
  }
  const run: BenchRun = {
    startedAt,
    seconds: Math.round((performance.now() - began) / 1000),
    commit: await currentCommit(),
    quick: values.quick,
    machine: { ...machine, loadAverageAtEnd: loadavg().map((load) => Math.round(load * 100) / 100) },
    services,
    results,
  };
  mkdirSync(resultsDirectory, { recursive: true });
  writeFileSync(join(resultsDirectory, 'latest.json'), `${JSON.stringify(run, null, 2)}\n`);
  const summary = renderSummary(run);
  writeFileSync(join(resultsDirectory, 'summary.md'), summary);
  process.stdout.write(`\n${summary}\n[jq/bench] wrote bench/results/latest.json and bench/results/summary.md\n`);
  return results.every((result) => result.ok) ? 0 : 1;
}

process.exitCode = await main();
