import { type CommandResult, ExecaCommandRunner } from '@jq/core';
import { sgeJobEntries } from '@jq/sge';

/** What `doctor --test-job` learned from one held job: accepted, seen held, cancelled. */
export interface TestJobReport {
  backend: string;
  /** The batch job name, `jq-doctor-<pid>`: only this job is looked at and cancelled. */
  jobName: string;
  /** The id the batch system gave, when it accepted the job. */
  id: string | null;
  /** How the batch system shows it: `PENDING (JobHeldUser)`, `hqw`. */
  state: string | null;
  held: boolean;
  cancelled: boolean;
  /** What went wrong and what to do, or null. */
  fix: string | null;
}

/** How one batch system submits a held job, shows it and cancels it. */
interface HeldJobCommands {
  submit(jobName: string): string[];
  /** The id in the submit command's output. */
  idOf(stdout: string): string | undefined;
  show(id: string): string[];
  /** The state as printed, and whether it says held. */
  stateOf(stdout: string, id: string): { state: string; held: boolean } | undefined;
  cancel(id: string): string[];
}

// A job that does nothing and could run one minute at most; held, so it never starts.
const jobScript = '#!/bin/sh\ntrue\n';

const heldJobs: Readonly<Record<string, HeldJobCommands>> = {
  slurm: {
    submit: (jobName) => ['sbatch', '--hold', '--parsable', '--job-name', jobName, '--time', '1', '--output', '/dev/null', '--ntasks', '1'],
    idOf: (stdout) => /^(\d+)/.exec(stdout.trim())?.[1],
    show: (id) => ['squeue', '--noheader', '--jobs', id, '--format', '%T %r'],
    stateOf: (stdout) => {
      const [state, reason] = stdout.trim().split(/\s+/);
      return state ? { state: `${state}${reason ? ` (${reason})` : ''}`, held: state === 'PENDING' && /Held/i.test(reason ?? '') } : undefined;
    },
    cancel: (id) => ['scancel', id],
  },
  sge: {
    submit: (jobName) => ['qsub', '-h', '-terse', '-N', jobName, '-l', 'h_rt=60', '-o', '/dev/null', '-j', 'y'],
    idOf: (stdout) => /^(\d+)/.exec(stdout.trim())?.[1],
    show: () => ['qstat', '-xml'],
    stateOf: (stdout, id) => {
      const letters = sgeJobEntries(stdout)?.find((entry) => entry.jobNumber === id)?.state;
      return letters === undefined ? undefined : { state: letters, held: letters.includes('h') };
    },
    cancel: (id) => ['qdel', id],
  },
};

/** The backends `doctor --test-job` can try. */
export const testJobBackends = Object.keys(heldJobs);

/**
 * Submits a held job that does nothing, checks the batch system accepted it and shows it
 * held, and cancels it whatever happened. Proves submit, status and cancel work for this
 * user here, without using any compute time.
 */
export async function runTestJob(backend: string): Promise<TestJobReport> {
  const commands = heldJobs[backend]!;
  const runner = new ExecaCommandRunner();
  const run = (argv: string[], stdin?: string): Promise<CommandResult> => runner.run({ argv, ...(stdin === undefined ? {} : { stdin }) }, { timeoutMs: 30_000 });
  const jobName = `jq-doctor-${process.pid}`;
  const report: TestJobReport = { backend, jobName, id: null, state: null, held: false, cancelled: false, fix: null };
  const submitted = await run(commands.submit(jobName), jobScript);
  const id = submitted.exitCode === 0 ? commands.idOf(submitted.stdout) : undefined;
  if (id === undefined) return { ...report, fix: `${commands.submit(jobName).join(' ')} was refused: ${firstLine(submitted)}; check your account and default queue (partition) with your site's documentation` };
  report.id = id;
  try {
    const shown = await run(commands.show(id));
    const seen = shown.exitCode === 0 ? commands.stateOf(shown.stdout, id) : undefined;
    report.state = seen?.state ?? null;
    report.held = seen?.held ?? false;
    if (!seen) report.fix = `job ${id} was accepted but ${commands.show(id).join(' ')} does not list it: ${firstLine(shown) || 'no output'}`;
    else if (!seen.held) report.fix = `job ${id} was accepted but shows ${seen.state}, not held: this batch system may ignore holds`;
  } finally {
    const cancelled = await run(commands.cancel(id));
    report.cancelled = cancelled.exitCode === 0;
    if (!report.cancelled) report.fix = `${commands.cancel(id).join(' ')} failed (${firstLine(cancelled)}): cancel job ${id} by hand`;
  }
  return report;
}

function firstLine(result: CommandResult): string {
  if (result.missingCommand) return `${result.argv[0]} is not on PATH`;
  return `${result.stderr}\n${result.stdout}`.split('\n').map((line) => line.trim()).find(Boolean) ?? (result.timedOut ? 'timed out' : `exit ${result.exitCode}`);
}
