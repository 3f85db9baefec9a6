#!/usr/bin/env node
/**
 * `jq-worker`: what a job script runs. `jq-worker tcp://HOST:PORT --name JOB --nthreads N …`
 * The secret comes from the JQ_ENGINE_SECRET environment variable, never from argv.
 * The build bundles this entry into one file that loads only what a worker needs (no
 * cluster code, no schema compiler), because every worker of a scale-up pays for it at once.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { JobQueueError } from '@jq/core';
import { workerEntryPath } from './engine-paths.js';
import { interfaceAddress, interfacesPresent } from './network-interface.js';
import { secretEnvironmentVariable } from './protocol/protocol-auth.js';
import { EngineWorker } from './worker/engine-worker.js';
import { processGpus } from './worker/worker-gpus.js';
import { parseWorkerCommandLine, workerTlsCa } from './worker/worker-command-line.js';

/** Reached once every module above has been loaded and evaluated. */
const modulesLoaded = Date.now();

async function main(argv: string[]): Promise<number> {
  const commandLine = parseWorkerCommandLine(argv);
  const secret = process.env[secretEnvironmentVariable];
  if (secret === undefined || secret === '') {
    throw new JobQueueError('JQ_CONFIG_INVALID', `[jq/engine] jq-worker needs the cluster secret in ${secretEnvironmentVariable}`);
  }
  // Task code runs in this process: it has no business reading the cluster secret.
  delete process.env[secretEnvironmentVariable];
  if (commandLine.processes > 1 && commandLine.processIndex === undefined) {
    // Imported only here: node:child_process (with dgram) is about 12 ms of CPU at start that
    // most workers never use. (node:fs/promises would add readline: the sync calls below need
    // nothing more than the node:fs that Node's bootstrap has loaded, and nothing else runs yet.)
    const { superviseWorkers } = await import('./worker/worker-supervisor.js');
    return superviseWorkers({
      entry: workerEntryPath,
      argv,
      processes: commandLine.processes,
      gpus: commandLine.gpus,
      secretEnvironment: { [secretEnvironmentVariable]: secret },
    });
  }
  if (commandLine.localDirectory !== undefined) {
    // Scratch space for tasks: os.tmpdir() in this process and its threads points there.
    mkdirSync(commandLine.localDirectory, { recursive: true });
    process.env.TMPDIR = commandLine.localDirectory;
  }
  const name = `${commandLine.jobKey}-${commandLine.nodeIndex * commandLine.processes + (commandLine.processIndex ?? 0)}`;
  const log = (line: string): void => void process.stderr.write(`[jq-worker ${name}] ${line}\n`);
  const stagger = Math.random() * commandLine.lifetimeStagger;
  const localAddress = commandLine.networkInterface === undefined ? undefined : interfaceAddress(commandLine.networkInterface);
  if (commandLine.networkInterface !== undefined && localAddress === undefined) {
    throw new JobQueueError('JQ_CONFIG_INVALID', `[jq/engine] jq-worker --interface: ${commandLine.networkInterface} is not on ${hostname()} (it has ${interfacesPresent()})`);
  }
  const tlsCa = workerTlsCa(commandLine, process.env, (path) => readFileSync(path));
  const worker = new EngineWorker({
    host: commandLine.host,
    port: commandLine.port,
    localAddress,
    name,
    jobKey: commandLine.jobKey,
    pool: commandLine.pool,
    threads: commandLine.threads,
    memoryLimit: commandLine.memoryLimit,
    gpus: processGpus(commandLine.gpus, commandLine.processes, process.env.CUDA_VISIBLE_DEVICES),
    deathTimeout: commandLine.deathTimeout,
    threadIdleTimeout: commandLine.threadIdleTimeout,
    lifetime: commandLine.lifetime === undefined ? undefined : commandLine.lifetime + stagger,
    secret,
    tlsCa,
    startup: { processStart: Math.round(performance.timeOrigin), modulesLoaded },
    log,
  });
  process.on('SIGTERM', () => worker.drain('terminated'));
  process.on('SIGINT', () => worker.drain('interrupted'));
  return worker.run();
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
