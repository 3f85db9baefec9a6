import { parseArgs } from 'node:util';
import { JobQueueError } from '@jq/core';
import { tlsCaEnvironmentVariable } from '../protocol/protocol-auth.js';

/** What `jq-worker` was asked to do. */
export interface WorkerCommandLine {
  /** Scheduler address, `tcp://host:port` or `tls://host:port`. */
  address: string;
  host: string;
  port: number;
  /** For a `tls://` address: the certificate file the scheduler is verified against. */
  tlsCaPath: string | undefined;
  /** Job key; process `i` is named `<jobKey>-<i>`. */
  jobKey: string;
  /** The worker pool of the job, when the cluster names one. */
  pool: string | undefined;
  /** GPUs of the job, shared out between its processes. */
  gpus: number | undefined;
  /** Seconds an idle task thread is kept before it is stopped. */
  threadIdleTimeout: number;
  threads: number;
  /** Memory limit per process in bytes; 0 means none. */
  memoryLimit: number;
  /** Seconds to wait for an unreachable scheduler before exiting. */
  deathTimeout: number;
  /** Worker processes this command starts. */
  processes: number;
  /** Seconds until the worker retires itself. */
  lifetime: number | undefined;
  lifetimeStagger: number;
  localDirectory: string | undefined;
  /** Network interface the worker connects from (the cluster's `interface`). */
  networkInterface: string | undefined;
  /** Set in the processes a multi-process job starts: which one this is. */
  processIndex: number | undefined;
  /** In a job of several nodes: this node's index, so process `i` is the job's `nodeIndex × processes + i`. */
  nodeIndex: number;
}

/** Usage line printed with argument errors. */
export const workerUsage =
  'usage: jq-worker tcp://HOST:PORT|tls://HOST:PORT --name NAME [--pool NAME] [--nthreads N] [--gpus N] [--thread-idle-timeout S] [--memory-limit BYTES] [--death-timeout S] [--nworkers N] [--node-index N] [--lifetime S] [--lifetime-stagger S] [--local-directory DIR] [--interface NAME] [--tls-ca FILE (or the PEM in $JQ_ENGINE_TLS_CA)]';

/** Parses `jq-worker` arguments; throws a `JQ_CONFIG_INVALID` error naming the bad one. */
export function parseWorkerCommandLine(argv: string[]): WorkerCommandLine {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      pool: { type: 'string' },
      gpus: { type: 'string' },
      'thread-idle-timeout': { type: 'string', default: '10' },
      nthreads: { type: 'string', default: '1' },
      'memory-limit': { type: 'string', default: '0' },
      'death-timeout': { type: 'string', default: '60' },
      nworkers: { type: 'string', default: '1' },
      lifetime: { type: 'string' },
      'lifetime-stagger': { type: 'string', default: '0' },
      'local-directory': { type: 'string' },
      interface: { type: 'string' },
      'tls-ca': { type: 'string' },
      'process-index': { type: 'string' },
      'node-index': { type: 'string', default: '0' },
    },
  });
  const address = positionals[0];
  if (positionals.length !== 1 || address === undefined) throw invalid('address', positionals.join(' '), 'exactly one scheduler address');
  const match = /^(tcp|tls):\/\/(\[[^\]]+\]|[^:/]+):(\d+)$/.exec(address);
  if (match === null) throw invalid('address', address, 'tcp://HOST:PORT or tls://HOST:PORT');
  if (values.name === undefined || values.name === '') throw invalid('--name', values.name, 'a job name');
  const tls = match[1] === 'tls';
  if (!tls && values['tls-ca'] !== undefined) throw invalid('--tls-ca', values['tls-ca'], 'a certificate file with a tls:// address, and only then');
  return {
    address,
    host: (match[2] ?? '').replace(/^\[|\]$/g, ''),
    port: Number(match[3]),
    tlsCaPath: values['tls-ca'],
    jobKey: values.name,
    pool: values.pool,
    gpus: values.gpus === undefined ? undefined : number('--gpus', values.gpus, 1),
    threadIdleTimeout: positive('--thread-idle-timeout', values['thread-idle-timeout']),
    threads: number('--nthreads', values.nthreads, 1),
    memoryLimit: number('--memory-limit', values['memory-limit'], 0),
    deathTimeout: positive('--death-timeout', values['death-timeout']),
    processes: number('--nworkers', values.nworkers, 1),
    lifetime: values.lifetime === undefined ? undefined : number('--lifetime', values.lifetime, 0),
    lifetimeStagger: number('--lifetime-stagger', values['lifetime-stagger'], 0),
    localDirectory: values['local-directory'],
    networkInterface: values.interface,
    processIndex: values['process-index'] === undefined ? undefined : number('--process-index', values['process-index'], 0),
    nodeIndex: whole('--node-index', values['node-index']),
  };
}

function number(flag: string, text: string, minimum: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < minimum) throw invalid(flag, text, `a number >= ${minimum}`);
  return value;
}

function whole(flag: string, text: string): number {
  const value = number(flag, text, 0);
  if (!Number.isInteger(value)) throw invalid(flag, text, 'a whole number >= 0');
  return value;
}

function positive(flag: string, text: string): number {
  const value = number(flag, text, 0);
  if (value === 0) throw invalid(flag, text, 'a number > 0');
  return value;
}

function invalid(flag: string, value: unknown, expected: string): JobQueueError {
  return new JobQueueError('JQ_CONFIG_INVALID', `[jq/engine] jq-worker ${flag}: expected ${expected}, got ${JSON.stringify(value)}\n${workerUsage}`);
}

/**
 * The certificate a `tls://` worker checks its scheduler against: the `--tls-ca` file, else
 * the PEM in `$JQ_ENGINE_TLS_CA` (what job scripts carry); undefined for `tcp://`. A `tls://`
 * address with neither is a clear error.
 */
export function workerTlsCa(commandLine: Pick<WorkerCommandLine, 'address' | 'tlsCaPath'>, environment: NodeJS.ProcessEnv, readFile: (path: string) => Buffer): Buffer | undefined {
  if (!commandLine.address.startsWith('tls://')) return undefined;
  if (commandLine.tlsCaPath !== undefined) return readFile(commandLine.tlsCaPath);
  const pem = environment[tlsCaEnvironmentVariable];
  if (pem === undefined || !pem.includes('BEGIN CERTIFICATE')) throw invalid('--tls-ca', undefined, `the scheduler's certificate with a tls:// address: a file, or the PEM in $${tlsCaEnvironmentVariable}`);
  return Buffer.from(pem);
}
