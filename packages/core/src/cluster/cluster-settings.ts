import type { AnyBackend } from '../contracts/backend-v1.js';
import type { SchedulerV1 } from '../contracts/scheduler-v1.js';
import type { CommandRunner } from '../command/command-runner.js';
import type { BackendOptions, Preset } from '../options/backend-options.js';
import type { Clock } from '../util/clock.js';

/** What a cluster is built from. */
export interface JobQueueClusterSettings<B extends AnyBackend, S extends SchedulerV1> {
  /** The batch-system adapter. */
  backend: B;
  /** The scheduler the workers connect to; the cluster starts and closes it. */
  scheduler: S;
  /** Common and backend options, typed from their schemas, validated at construction (preset and config file under them). */
  options?: BackendOptions<B>;
  /** Several worker templates in one cluster: each pool's options over `options`. Default: one pool, `default`. */
  pools?: Record<string, BackendOptions<B>>;
  /** A site preset for this backend: options that explicit ones override. */
  preset?: Preset<B>;
  /** YAML config file with a section per backend; `false` skips it. Default `$JQ_CONFIG` or `~/.config/jobqueue/jobqueue.yaml`, else dask's. */
  config?: string | false;
  /** Runs batch commands; default execa on this machine. Tests pass a recording runner. */
  runner?: CommandRunner;
  /** Time source; default the system clock. */
  clock?: Clock;
  /** Cancel jobs on SIGINT/SIGTERM/SIGHUP and process exit. Default true. */
  handleExit?: boolean;
  /** Keep the cluster's state in its journal (`$XDG_STATE_HOME/jobqueue/clusters/<name>`), so other processes can attach by name. Default true. */
  journal?: boolean;
  /** Jobs a dead owner of this cluster's name left running: `cancel` them (default) or `adopt` them. */
  orphans?: 'cancel' | 'adopt';
}
