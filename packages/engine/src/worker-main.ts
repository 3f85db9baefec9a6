#!/usr/bin/env node
/**
 * `jq-worker`: what a job script runs. `jq-worker tcp://HOST:PORT --name JOB --nthreads N …`
 * The secret comes from the JQ_ENGINE_SECRET environment variable, never from argv.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { JobQueueError } from '@jq/core';
import { workerEntryPath } from './engine-paths.js';
import { secretEnvironmentVariable } from './protocol/protocol-auth.js';
import { EngineWorker } from './worker/engine-worker.js';
import { parseWorkerCommandLine } from './worker/worker-command-line.js';
import { superviseWorkers } from './worker/worker-supervisor.js';

async function main(argv: string[]): Promise<number> {
  const commandLine = parseWorkerCommandLine(argv);
  const secret = process.env[secretEnvironmentVariable];
  if (secret === undefined || secret === '') {
    throw new JobQueueError('JQ_CONFIG_INVALID', `[jq/engine] jq-worker needs the cluster secret in ${secretEnvironmentVariable}`);
  }
  // Task code runs in this process: it has no business reading the cluster secret.
  delete process.env[secretEnvironmentVariable];
  if (commandLine.processes > 1 && commandLine.processIndex === undefined) {
    return superviseWorkers(workerEntryPath, argv, commandLine.processes, { [secretEnvironmentVariable]: secret });
  }
  if (commandLine.localDirectory !== undefined) {
    // Scratch space for tasks: os.tmpdir() in this process and its threads points there.
    await mkdir(commandLine.localDirectory, { recursive: true });
    process.env.TMPDIR = commandLine.localDirectory;
  }
  const name = `${commandLine.jobKey}-${commandLine.processIndex ?? 0}`;
  const log = (line: string): void => void process.stderr.write(`[jq-worker ${name}] ${line}\n`);
  const stagger = Math.random() * commandLine.lifetimeStagger;
  const tlsCa = commandLine.tlsCaPath === undefined ? undefined : await readFile(commandLine.tlsCaPath);
  const worker = new EngineWorker({
    host: commandLine.host,
    port: commandLine.port,
    name,
    jobKey: commandLine.jobKey,
    threads: commandLine.threads,
    memoryLimit: commandLine.memoryLimit,
    deathTimeout: commandLine.deathTimeout,
    lifetime: commandLine.lifetime === undefined ? undefined : commandLine.lifetime + stagger,
    secret,
    tlsCa,
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
