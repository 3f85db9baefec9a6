import { JobQueueError, jobKeyReference, messagePrefix } from '@jq/core';
import { Client, EngineScheduler, type EngineSchedulerOptions } from '@jq/engine';
import { name as packageName } from '../package.json';
import { type RankHandshake, awaitHandshake, defaultHandshakePath, removeHandshake, writeHandshake } from './runner-address-file.js';
import { type AllocationRank, detectRank } from './runner-ranks.js';
import { fixedAddress, fixedAddressSecret } from './runner-fixed-address.js';
import { runWorkerRank } from './runner-worker-rank.js';

/** How a run inside one allocation is set up. */
export interface RunOptions {
  /** Where rank 0 leaves the handshake for the others (shared storage). Default: the submit directory. */
  handshakeFile?: string;
  /** Options of the scheduler rank 0 runs. Default: all addresses, HTTP API off. */
  scheduler?: EngineSchedulerOptions;
  /** Threads of each worker rank. Default 1. */
  threads?: number;
  /** Seconds a worker rank survives without the scheduler (rank 0 dying ends the allocation within it). Default 30. */
  deathTimeout?: number;
  /** Seconds rank 0 waits for every worker to connect before running anyway; other ranks wait as long for the handshake. Default 120. */
  connectTimeout?: number;
  /**
   * Port rank 0's scheduler listens on. With it, the ranks meet at `schedulerHost:port`
   * and no handshake file is written, so no storage need be shared; every rank then needs
   * the same secret in `JQ_RUN_SECRET` (at least 32 characters, never on a command line).
   */
  port?: number;
  /** Host the other ranks dial with `port`. Default: the allocation's first node, where srun, pbsdsh and blaunch start rank 0. */
  schedulerHost?: string;
  /** The rank, when not read from the launcher's environment. */
  rank?: AllocationRank;
}

/**
 * Runs `main` inside one allocation, on every rank at once (`srun`, `mpirun`, `pbsdsh`,
 * `blaunch`): rank 0 starts a scheduler, waits for the other ranks to connect as its
 * workers, runs `main(client)` and returns its result; every other rank runs a worker and
 * returns `undefined` once rank 0 closes. A worker rank that dies has its tasks run again
 * elsewhere; if rank 0 dies, the workers exit within `deathTimeout`.
 */
export async function runInAllocation<T>(main: (client: Client) => Promise<T>, options: RunOptions = {}): Promise<T | undefined> {
  const rank = options.rank ?? detectRank();
  if (rank === undefined) {
    throw new JobQueueError('JQ_CONFIG_INVALID', `${messagePrefix(packageName)} no rank in the environment: start this on every rank with srun, mpirun, pbsdsh or blaunch`);
  }
  if (options.port !== undefined) return runAtFixedPort(main, options, rank, options.port);
  const handshakeFile = options.handshakeFile ?? defaultHandshakePath(rank.jobId);
  if (rank.rank !== 0) {
    const handshake = await awaitHandshake(handshakeFile, options.connectTimeout ?? 120);
    if (!handshake.finished) await runWorkerRank(handshake, rank);
    return undefined;
  }
  const scheduler = new EngineScheduler({ host: '0.0.0.0', httpPort: false, ...options.scheduler });
  await scheduler.start();
  const handshake = workerHandshake(scheduler, options);
  writeHandshake(handshakeFile, handshake);
  try {
    // Marked finished before the scheduler closes: a worker rank still starting then stays away.
    return await runRankZero(scheduler, main, options, rank, () => writeHandshake(handshakeFile, { ...handshake, finished: true }));
  } finally {
    removeHandshake(handshakeFile);
  }
}

/**
 * The ranks meet at `host:port`: rank 0 listens there with the shared secret, the others
 * start their worker with that address at once; a worker that starts before rank 0
 * listens dials again until its death timeout.
 */
async function runAtFixedPort<T>(main: (client: Client) => Promise<T>, options: RunOptions, rank: AllocationRank, port: number): Promise<T | undefined> {
  if (options.scheduler?.tls) {
    throw new JobQueueError('JQ_CONFIG_INVALID', `${messagePrefix(packageName)} scheduler.tls: workers at a fixed port have no file to read the run's certificate from; drop port (and share a handshake file) to use TLS`);
  }
  const address = fixedAddress(port, options.schedulerHost, rank);
  const secret = fixedAddressSecret();
  const scheduler = new EngineScheduler({ host: address.listenHost, httpPort: false, ...options.scheduler, port: address.port, secret });
  if (rank.rank !== 0) {
    await runWorkerRank(workerHandshake(scheduler, options, address.address), rank);
    return undefined;
  }
  await scheduler.start();
  return runRankZero(scheduler, main, options, rank);
}

/** Waits for the other ranks, runs the user's code, and closes the scheduler (which ends the workers) whatever happens. */
async function runRankZero<T>(scheduler: EngineScheduler, main: (client: Client) => Promise<T>, options: RunOptions, rank: AllocationRank, beforeClose?: () => void): Promise<T> {
  try {
    await waitForWorkers(scheduler, rank.size - 1, (options.connectTimeout ?? 120) * 1000);
    return await main(new Client(scheduler));
  } finally {
    beforeClose?.();
    await scheduler.close();
  }
}

/** How a worker rank starts a worker of `scheduler`: its command (at `schedulerAddress` when given) and environment. */
function workerHandshake(scheduler: EngineScheduler, options: RunOptions, schedulerAddress?: string): RankHandshake {
  return {
    workerCommand: scheduler.workerCommand({
      jobKey: jobKeyReference,
      pool: 'allocation',
      processes: 1,
      threads: options.threads ?? 1,
      memoryLimit: 0,
      deathTimeout: options.deathTimeout ?? 30,
      extraArgs: [],
      ...(schedulerAddress === undefined ? {} : { schedulerAddress }),
    }),
    environment: { ...scheduler.workerTuning(), ...scheduler.workerEnvironment() },
  };
}

async function waitForWorkers(scheduler: EngineScheduler, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (scheduler.workers().length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}
