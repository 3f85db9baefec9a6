import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JobQueueError, messagePrefix } from '@jq/core';
import type { Client } from '@jq/engine';
import { name as packageName } from '../package.json';
import { type RunOptions, runInAllocation } from './run-in-allocation.js';

/** What a file run with `jq-run` (or `jobqueue run`) exports by default. */
export type AllocationMain = (client: Client, args: string[]) => Promise<unknown> | unknown;

/**
 * `jq-run <file> [args…]` on every rank: rank 0 imports `file` and calls its default export
 * with a client of the allocation's scheduler and the remaining arguments; the value it
 * returns is printed as JSON. The other ranks are its workers.
 */
export async function runFile(file: string, args: string[], options: RunOptions = {}): Promise<unknown> {
  return runInAllocation(async (client) => {
    const module = (await import(pathToFileURL(resolve(file)).href)) as { default?: unknown };
    if (typeof module.default !== 'function') {
      throw new JobQueueError('JQ_CONFIG_INVALID', `${messagePrefix(packageName)} ${file} must export a default function (client, args) => result`);
    }
    return (module.default as AllocationMain)(client, args);
  }, options);
}
