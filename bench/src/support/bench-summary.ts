import { cpus, loadavg, totalmem } from 'node:os';
import { formatMarkdownTable, type BenchResult, type MachineAtStart } from './bench-report.js';
import type { Services } from './bench-services.js';

/** Everything one `pnpm bench` measured: written to bench/results/latest.json. */
export interface BenchRun {
  startedAt: string;
  seconds: number;
  commit: string | undefined;
  quick: boolean;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  services: Services;
  results: BenchResult[];
}

/** The machine as the run found it; the load average says how shared it was. */
export function describeMachine(): Omit<BenchRun['machine'], 'loadAverageAtEnd'> {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAverageAtStart: loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

/** bench/results/summary.md: every table, its notes, and the conditions of the run. */
export function renderSummary(run: BenchRun): string {
  const machine = run.machine;
  const lines = [
    '# jobqueue benchmarks',
    '',
    `Run ${run.startedAt}${run.commit ? ` at commit ${run.commit}` : ''}${run.quick ? ' (--quick: reduced sizes)' : ''}, ${Math.round(run.seconds)} s.`,
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}; ` +
      `load average ${machine.loadAverageAtStart.join(' / ')} at the start, ${machine.loadAverageAtEnd.join(' / ')} at the end.`,
    `Slurm: ${run.services.slurm.available ? `${run.services.slurm.version ?? 'up'}${run.services.slurm.startedHere ? ' (started and stopped by this run)' : ' (already running)'}` : `unavailable: ${run.services.slurm.error ?? 'sinfo does not answer'}`}. ` +
      `Dask: ${run.services.dask.available ? "Debian's python3-distributed via /usr/bin/python3" : `unavailable: ${run.services.dask.error ?? ''}`}.`,
    '',
    'Ratios compare the two sides measured in this same run. See bench/README.md for what each figure means.',
  ];
  for (const result of run.results) {
    lines.push('', `## ${result.title}`, '');
    if (!result.ok) lines.push(`**Failed or cut off** after ${result.seconds} s: ${result.error ?? 'no result'}`, '');
    lines.push(formatMarkdownTable(result.table));
    const notes = result.machineAtStart === undefined ? result.notes : [describeStart(result.machineAtStart), ...result.notes];
    if (notes.length > 0) lines.push('', ...notes.map((note) => `- ${note}`));
  }
  return `${lines.join('\n')}\n`;
}

function describeStart(start: MachineAtStart): string {
  const waited = start.waitedSeconds > 0 ? ` after waiting ${start.waitedSeconds} s for the machine to settle${start.settled ? '' : ' (gave up: it stayed busy)'}` : '';
  return `started with the cores ${Math.round(start.idleFraction * 100)} % idle in the second before${waited}; load average (1 min) ${start.loadAverage}`;
}
