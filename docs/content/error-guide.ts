import type { JobQueueErrorCode } from '@jq/core';

/** What a user does about one error code: written once here, checked against the codes core declares. */
export interface ErrorAdvice {
  /** When the code shows up, in the user's words (the generator adds the meaning from errors.ts). */
  seenWhen: string;
  /** What to do, most likely fix first. */
  whatToDo: string[];
}

/**
 * The troubleshooting page's advice, one entry per `JobQueueErrorCode`. `satisfies` makes a
 * missing or unknown code a type error, and the page generator refuses to build without
 * an entry for every code `errors.ts` declares, so a new code cannot ship undocumented.
 */
export const errorGuide = {
  JQ_CONFIG_INVALID: {
    seenWhen: 'Creating a cluster (`new JobQueueCluster`, `create<Name>Cluster`), loading a preset or config file, attaching to a cluster made with a package this project lacks, sending a function a worker cannot import, or starting a `DaskScheduler` without Python and `distributed`.',
    whatToDo: [
      'Read every line of the message: each names the option, the value given, where it came from (the preset, or the config file and its section) and what is expected, with the nearest valid name when you misspelt one. Fix them all; they are reported at once.',
      'A dask-jobqueue name in TypeScript (`project`, `job_extra`) is refused with the name to use; see [dask-jobqueue names](./dask-jobqueue-names.md).',
      '`cannot load <package>`: the cluster you attach to was made with a backend or scheduler package that is not installed here; install it in this project.',
      '`cannot send this function to a worker`: put the function in a module and call it through `client.module(url)`.',
      'From `@jq/dask`: install Python 3 with `distributed`, or point the scheduler at the right interpreter.',
    ],
  },
  JQ_COMMAND_FAILED: {
    seenWhen: 'A batch command (submit, status, cancel, accounting) failed for good: it exited non-zero with an error the backend calls permanent, or kept failing after `commandAttempts` tries, or timed out. Also when a launched cluster\'s manager ended before it started the cluster.',
    whatToDo: [
      'The `CommandError` carries `argv`, `exitCode` and `stderr`: run that argv yourself on the same host to read the batch system\'s own message.',
      'A refused request is usually a queue, account or resource the site does not allow (an unknown partition, more memory than a node has): fix the option and retry.',
      'Timed out: raise `commandTimeout`; on a busy scheduler, also set `maxCommandsPerSecond` so submit, status and cancel share a budget.',
      'A manager that ended early: the message ends with the tail of its `manager.log`, in the cluster\'s journal directory.',
    ],
  },
  JQ_COMMAND_NOT_FOUND: {
    seenWhen: 'The first command of a cluster, when the batch system\'s client program (`sbatch`, `qsub`, `bsub`, `condor_submit`, …) is not on the `PATH` of this process.',
    whatToDo: [
      'Run on a login node of the cluster, where the batch commands exist, or load them first (`module load slurm`).',
      'A process started by a service manager or a cron job has a short `PATH`: set it in the environment that starts your program.',
    ],
  },
  JQ_SUBMIT_FAILED: {
    seenWhen: '`cluster.scale()` (or the adaptive loop) could submit none of the jobs it wanted.',
    whatToDo: [
      'The error\'s `cause` is the `CommandError` of the submit command, with the batch system\'s stderr: a per-user job limit, an account without allocation, a partition that does not exist.',
      'Print `cluster.jobScript()` and submit that script by hand with the system\'s submit command: the system will tell you what it refuses.',
    ],
  },
  JQ_PARSE_FAILED: {
    seenWhen: 'A command\'s output did not look like what the backend knows: a site wrapper around `sbatch`/`qsub` that prints extra text, another version of the batch system, or a command that printed an error with exit status 0.',
    whatToDo: [
      'The message quotes the start of the output. Run the same command yourself and compare.',
      'If your site prints something the backend should understand, open an issue with the recorded output: it becomes a fixture of the backend\'s tests.',
    ],
  },
  JQ_CLUSTER_CLOSED: {
    seenWhen: 'A cluster, or its scheduler, was used after `close()` (also after an `await using` block ended, or after a signal closed it); a task still running when the scheduler closed fails with it.',
    whatToDo: [
      'Create a new cluster; a closed one is not reopened.',
      'Keep using the cluster inside the `await using` block, or call `close()` only once the work is gathered.',
    ],
  },
  JQ_WORKER_LOST: {
    seenWhen: 'A task was put back in the queue after its worker died more times than allowed: workers killed for memory, by the walltime, or by preemption.',
    whatToDo: [
      'Look at how the jobs ended: `cluster.jobs()` shows `out-of-memory`, `timeout` or `preempted`, and `cluster.logs()` the last lines of their output.',
      'Give each worker more memory (more `memory`, or fewer `processes` per job), a longer `walltime`, or split the task.',
    ],
  },
  JQ_TASK_FAILED: {
    seenWhen: 'A task threw on its worker.',
    whatToDo: [
      'It is your task\'s own error: `TaskError.remoteName` and `remoteStack` are the error name and stack on the worker.',
      'Run the function locally with the same input to debug it.',
    ],
  },
  JQ_TIMEOUT: {
    seenWhen: 'A wait ran out of time: `client.waitForWorkers()` while jobs still wait in the queue, a launched cluster\'s manager that did not start, an owner that did not answer a request, a cluster that did not finish closing.',
    whatToDo: [
      'Waiting for workers: look at `cluster.jobs()`; jobs in state `queued` carry the batch system\'s `reason` (priority, resources, a limit). Wait longer, ask for less, or use another queue.',
      'A manager that did not start: its state and log are in the journal directory (`manager.log`).',
    ],
  },
  JQ_CANCELLED: {
    seenWhen: 'A task or a wait was cancelled: by `cancel()` or by an `AbortSignal` you passed.',
    whatToDo: ['Expected when your code cancelled. Otherwise, find which signal aborted: the error\'s `cause` is the abort reason when there was one.'],
  },
  JQ_PROTOCOL: {
    seenWhen: 'A worker and the scheduler did not speak the same protocol, the scheduler was asked for its address before it started, or the Dask scheduler\'s HTTP API answered something unexpected.',
    whatToDo: [
      'Workers and scheduler must come from the same version of `@jq/engine`: check that the nodes run the installation the login node uses.',
      'Start the scheduler (`cluster.scale()`, `cluster.adapt()` or `cluster.start()`) before you read its address.',
    ],
  },
  JQ_CLUSTER_EXISTS: {
    seenWhen: 'Starting a cluster with the `name` of one that is still running (its owner process is alive).',
    whatToDo: [
      'Attach to it: `await JobQueueCluster.attach(name)`.',
      'Or pick another `name`, or end the running one with `await JobQueueCluster.down(name)`.',
    ],
  },
  JQ_CLUSTER_NOT_FOUND: {
    seenWhen: 'Attaching to, or ending, a cluster by a name that has no journal; or a cluster whose owner died and that could not be taken over (its scheduler never started, or none of its jobs were left).',
    whatToDo: [
      'Check the name: journals live in `$XDG_STATE_HOME/jobqueue/clusters/` (`~/.local/state/jobqueue/clusters/` by default), one folder per cluster, and belong to the user who started them.',
      'A cluster that died without live jobs is gone: start a new one.',
    ],
  },
  JQ_SCHEDULER_JOB_ENDED: {
    seenWhen: 'A cluster with `placement: \'scheduler-job\'` found the batch job that runs its scheduler ended (cancelled, out of walltime, failed), while running or when attaching; the manager has cancelled the workers.',
    whatToDo: [
      'Read the scheduler job\'s output and the batch system\'s accounting (`sacct -j ID`, `qacct -j ID`) for why it ended.',
      'Give the scheduler job a longer walltime through the `manager` resources, or start the cluster again.',
    ],
  },
  JQ_JOURNAL_INVALID: {
    seenWhen: 'A cluster\'s journal could not be read: corrupt, written by another version of jobqueue, not written by jobqueue, or owned by another user.',
    whatToDo: [
      'Another user\'s cluster: only its owner can attach to it or end it.',
      'Another version: attach or end it with the version that started it.',
      'Corrupt, with no owner left: the jobs it listed may still be queued; cancel them with the batch system\'s own command, then remove the journal folder named in the message.',
    ],
  },
  JQ_TOO_LARGE: {
    seenWhen: 'A task\'s arguments or its result are bigger than the largest frame the scheduler accepts; the message gives both sizes and names the option.',
    whatToDo: [
      'Raise `maxFrameBytes` on the `EngineScheduler` (default 256 MiB) when the values really must travel through the scheduler.',
      'Better for big data: write it to shared storage in the task and return its path.',
    ],
  },
  JQ_OUT_OF_MEMORY: {
    seenWhen: 'A task took its worker over the worker\'s memory limit, was stopped, and did so again on as many workers as the crash limit allows; the message lists each worker with the RSS seen and the limit.',
    whatToDo: [
      'Give each worker more memory: a larger `memory` per job, or fewer `processes` per job.',
      'Check the task for unbounded growth (a cache, a list it never trims): it ran out on every worker it was given.',
    ],
  },
  JQ_CONNECTION_FAILED: {
    seenWhen: 'The command runner could not reach the machine the batch commands run on: over SSH, an unknown or changed host key, a refused login, or a host that does not answer. Nothing was submitted.',
    whatToDo: [
      'Run `ssh <host>` by hand once: accept the host key (or fix a changed one in `~/.ssh/known_hosts` after checking it with your site), and make sure your key or agent logs you in without a prompt the cluster cannot show.',
      'Check `ssh.host`, `ssh.user`, `ssh.port` and `ssh.jumpHost`; `checkSshSite({ host })` from `@jq/ssh` tries the connection and both tunnel modes.',
    ],
  },
} satisfies Record<JobQueueErrorCode, ErrorAdvice>;
