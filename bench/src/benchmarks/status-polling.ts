/**
 * 4. What status polling costs the process that owns the cluster, with 1,000 and
 * 10,000 emulated Slurm jobs: commands per poll, CPU ms per poll, RSS. Each size runs
 * in its own process (probes/status-polling-probe.ts).
 */
import { formatNumber } from '../support/bench-report.js';
import { runBenchmark } from '../support/bench-run.js';
import { runProbe } from '../support/child-probe.js';

interface PollingProbe {
  jobs: number;
  polls: number;
  submitCommands: number;
  scaleMs: number;
  commandsPerPoll: number;
  statusCommandBytes: number;
  longestArgumentBytes: number;
  cpuMsPerPoll: { mean: number; p50: number; max: number };
  wallMsPerPoll: { mean: number; p50: number };
  rssBeforeMb: number;
  rssAfterMb: number;
  heapUsedMb: number;
}

const sizes = [1_000, 10_000];
const polls = 20;
const argumentLimit = 128 * 1024;

await runBenchmark('status-polling', `4. Status polling cost in the cluster's process (Slurm backend, emulated jobs, ${polls} polls)`, async () => {
  const probes: PollingProbe[] = [];
  for (const jobs of sizes) probes.push(await runProbe<PollingProbe>('status-polling-probe', [String(jobs), String(polls)], 120_000));
  const rows = probes.map((probe) => [
    formatNumber(probe.jobs),
    String(probe.submitCommands),
    formatNumber(probe.commandsPerPoll, 0),
    `${formatNumber(probe.cpuMsPerPoll.p50, 2)} (mean ${formatNumber(probe.cpuMsPerPoll.mean, 2)})`,
    formatNumber(probe.wallMsPerPoll.p50, 2),
    `${formatNumber(probe.rssAfterMb, 1)} (+${formatNumber(probe.rssAfterMb - probe.rssBeforeMb, 1)})`,
    `${formatNumber(probe.longestArgumentBytes / 1024, 1)} KiB`,
  ]);
  const notes = [
    'jobs are one `sbatch --array`; squeue/sbatch/scancel are answered from memory (bench/src/support/slurm-answering-machine.ts), every task RUNNING, so only the cluster side is measured',
    'CPU = process.cpuUsage() around cluster.poll(): building the squeue argv, parsing its lines, applying states; RSS in parentheses: growth over the process before the cluster existed (a Node process running from TypeScript through tsx)',
    'dask-jobqueue has no counterpart: it does not poll job states (it learns about workers only when they connect)',
  ];
  const tooLong = probes.filter((probe) => probe.longestArgumentBytes > argumentLimit * 0.8);
  for (const probe of tooLong) {
    notes.push(`with ${formatNumber(probe.jobs)} jobs the --jobs= argument is ${formatNumber(probe.longestArgumentBytes)} bytes, near Linux's 131,072-byte limit for one argument (E2BIG beyond it)`);
  }
  return {
    table: { columns: ['jobs', 'sbatch calls', 'commands / poll', 'CPU ms / poll, p50', 'wall ms / poll, p50', 'manager RSS MB', 'squeue --jobs= arg'], rows },
    figures: { polls, probes },
    notes,
  };
});
