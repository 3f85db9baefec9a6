/**
 * One manager process with `jobs` emulated Slurm jobs: measures what a status poll
 * costs the cluster's process. Run in a fresh process per size by
 * benchmarks/status-polling.ts, so the RSS is that of this one cluster.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JobQueueCluster } from '@jq/core';
import { ManualClock, RecordingCommandRunner, TestScheduler } from '@jq/core/testing';
import { slurmBackend } from '@jq/slurm';
import { mean, quantile } from '../support/bench-timing.js';
import { SlurmAnsweringMachine } from '../support/slurm-answering-machine.js';

const jobs = Number(process.argv[2]);
const polls = Number(process.argv[3] ?? 20);
const megabytes = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

const rssBeforeMb = megabytes(process.memoryUsage().rss);
const directory = mkdtempSync(join(tmpdir(), 'jq-bench-poll-'));
const runner = new RecordingCommandRunner().respond(new SlurmAnsweringMachine().respond);
// A manual clock: only the polls below run, none on a timer in between.
const cluster = new JobQueueCluster({
  backend: slurmBackend,
  scheduler: new TestScheduler(),
  options: { name: 'bench-poll', cores: 1, memory: '1GB', scriptDirectory: join(directory, 'scripts') },
  runner,
  clock: new ManualClock(),
  handleExit: false,
});
try {
  const scaleBegan = performance.now();
  await cluster.scale(jobs);
  const scaleMs = performance.now() - scaleBegan;
  const submitCommands = runner.calls.length;
  // Warm-up: the first poll moves every job from queued to running, the second sees no change.
  await cluster.poll();
  await cluster.poll();
  const cpuMs: number[] = [];
  const wallMs: number[] = [];
  const commandsBefore = runner.calls.length;
  for (let poll = 0; poll < polls; poll += 1) {
    const cpu = process.cpuUsage();
    const began = performance.now();
    await cluster.poll();
    wallMs.push(performance.now() - began);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  const commandsPerPoll = (runner.calls.length - commandsBefore) / polls;
  const statusCommand = runner.calls.at(-1)?.argv ?? [];
  const running = cluster.jobs().filter((job) => job.state === 'running').length;
  if (running !== jobs) throw new Error(`[jq/bench] expected ${jobs} running jobs, the cluster shows ${running}`);
  const result = {
    jobs,
    polls,
    submitCommands,
    scaleMs,
    commandsPerPoll,
    statusCommandBytes: statusCommand.join(' ').length,
    // Linux refuses any single argument over MAX_ARG_STRLEN (128 KiB) with E2BIG.
    longestArgumentBytes: Math.max(...statusCommand.map((argument) => Buffer.byteLength(argument))),
    cpuMsPerPoll: { mean: mean(cpuMs), p50: quantile(cpuMs, 0.5), max: Math.max(...cpuMs) },
    wallMsPerPoll: { mean: mean(wallMs), p50: quantile(wallMs, 0.5) },
    rssBeforeMb,
    rssAfterMb: megabytes(process.memoryUsage().rss),
    heapUsedMb: megabytes(process.memoryUsage().heapUsed),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await cluster.close();
  rmSync(directory, { recursive: true, force: true });
}
