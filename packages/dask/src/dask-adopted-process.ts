import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DaskSchedulerHandle } from './dask-scheduler-process.js';
import { logTail } from './dask-scheduler-log.js';

/** How an adopted scheduler is recognised again before it is signalled. */
export interface AdoptedScheduler {
  pid: number;
  /** Its scheduler file: on its command line, which tells it from an unrelated process that got its pid. */
  schedulerFile: string;
  logFile: string;
}

const stopPolls = 100;
const stopPollInterval = 100;

/**
 * A scheduler a dead owner started and left running (its child, now orphaned), taken over
 * by this process. It is no child of ours, so it is watched by pid; before any signal the
 * pid is checked to still be that scheduler, so a reused pid is never hit. When this
 * process exits without `stop()`, it is stopped as a child would be.
 */
export class AdoptedSchedulerProcess implements DaskSchedulerHandle {
  readonly pid: number;
  private readonly onExit = (): void => this.signal('SIGTERM');

  constructor(private readonly scheduler: AdoptedScheduler) {
    this.pid = scheduler.pid;
    process.on('exit', this.onExit);
  }

  log(): string {
    return logTail(this.scheduler.logFile);
  }

  /** SIGTERM, then SIGKILL when it is still there after 10 s; resolves once it is gone. */
  async stop(): Promise<void> {
    process.off('exit', this.onExit);
    this.signal('SIGTERM');
    for (let poll = 0; poll < stopPolls && isDaskScheduler(this.scheduler); poll += 1) await sleep(stopPollInterval);
    this.signal('SIGKILL');
  }

  private signal(signal: NodeJS.Signals): void {
    if (!isDaskScheduler(this.scheduler)) return;
    try {
      process.kill(this.pid, signal);
    } catch {
      // Ended between the check and the signal.
    }
  }
}

/**
 * True while `pid` is a live (not zombie) `dask scheduler` writing `schedulerFile`. Reads
 * `/proc`; where there is none, falls back to "the pid exists".
 */
export function isDaskScheduler(scheduler: Pick<AdoptedScheduler, 'pid' | 'schedulerFile'>): boolean {
  let commandLine: string;
  let stat: string;
  try {
    commandLine = readFileSync(`/proc/${scheduler.pid}/cmdline`, 'utf8');
    stat = readFileSync(`/proc/${scheduler.pid}/stat`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !procMounted()) return pidExists(scheduler.pid);
    return false;
  }
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  const words = commandLine.split('\0');
  return state !== 'Z' && words.includes('distributed.cli.dask_scheduler') && words.includes(scheduler.schedulerFile);
}

function procMounted(): boolean {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
