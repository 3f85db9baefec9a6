import { execFileSync } from 'node:child_process';
import { beforeAll } from 'vitest';

/**
 * A batch system running on this machine that an integration suite runs against
 * (`ci/slurm/up.sh`, `ci/sge/up.sh` start them): what the shared harness needs to know
 * to find, check and disturb a suite's jobs the way a user at a terminal would.
 */
export interface RealSystem {
  /** The system as people call it (`Slurm`, `SGE`), for messages. */
  title: string;
  /** The package whose suites these are (`@jq/slurm`); its messages are prefixed with it. */
  packageName: string;
  /** A command that succeeds when the system answers (`scontrol ping`). */
  probe: string[];
  /** The script that starts the system, named in the message when it does not answer. */
  upScript: string;
  /** The submit program (`sbatch`, `qsub`), as a recording runner lists its calls. */
  submitProgram: string;
  /** Ids of the jobs carrying batch name `jobName` still in the queue, in any state. */
  liveJobsNamed(jobName: string): string[];
  /** Cancels job `id` from outside the cluster (`scancel`, `qdel`). */
  cancelFromOutside(id: string): void;
}

/** Runs a client command of the system the way a user at a terminal would; its standard output. */
export function runOutside(program: string, args: string[]): string {
  return execFileSync(program, args, { encoding: 'utf8', timeout: 30_000 });
}

/** True when the system's probe command succeeds. */
export function systemAnswers(system: RealSystem): boolean {
  try {
    execFileSync(system.probe[0] ?? '', system.probe.slice(1), { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Fails the suite at once, saying how to start the system, when it does not answer. */
export function requireRealSystem(system: RealSystem): void {
  beforeAll(() => {
    if (!systemAnswers(system)) throw new Error(`[${system.packageName.replace(/^@/, '')}] ${system.title} does not answer \`${system.probe.join(' ')}\`: run \`bash ${system.upScript}\` first`);
  });
}
