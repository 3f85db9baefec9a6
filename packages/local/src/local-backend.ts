import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BackendV1, type CommandResult, type JobId, JobQueueError, type JobRequest, messagePrefix, renderJobScript } from '@jq/core';
import { name as packageName } from '../package.json';
import { LocalOptionsSchema, type LocalResolvedOptions } from './local-options.js';
import { parseLocalStatus } from './local-status.js';

const launcher = fileURLToPath(new URL('../bin/jq-local.mjs', import.meta.url));
const stateDirectory = (options: LocalResolvedOptions) => join(options.scriptDirectory, 'local-jobs');
const logDirectory = (options: LocalResolvedOptions) => options.logDirectory ?? options.scriptDirectory;

/**
 * Jobs are processes on this machine: detached, each in its own process group,
 * status from the process table, cancel by signal to the group, exit codes kept.
 * The embedded default for the quickstart and the reference adapter.
 */
export const localBackend: BackendV1<typeof LocalOptionsSchema, LocalResolvedOptions> = {
  specificationVersion: 'v1',
  name: 'local',
  title: 'local',
  packageName,
  options: LocalOptionsSchema,
  capabilities: { arrays: false, accounting: false, statusScope: 'ids' },

  resolveOptions(options) {
    return { ...options, node: options.node ?? process.execPath };
  },

  render(job: JobRequest, options) {
    return { script: renderJobScript(options, [`# jq/local job ${job.jobKey}`], job.body) };
  },

  submit(scriptPath, options) {
    const stem = scriptPath.slice(scriptPath.lastIndexOf('/') + 1).replace(/\.sh$/, '');
    return {
      argv: [
        options.node,
        launcher,
        'submit',
        stateDirectory(options),
        scriptPath,
        join(logDirectory(options), `${stem}.out`),
        join(logDirectory(options), `${stem}.err`),
      ],
      ...(options.slots === undefined ? {} : { env: { JQ_LOCAL_SLOTS: String(options.slots) } }),
    };
  },

  parseSubmit(result: CommandResult) {
    const id = result.stdout.trim();
    if (!/^\d+$/.test(id)) throw new JobQueueError('JQ_PARSE_FAILED', `${messagePrefix(packageName)} expected a process id from submit, got ${JSON.stringify(result.stdout.slice(0, 200))}`);
    return [id];
  },

  status(ids: JobId[], options) {
    return { argv: [options.node, launcher, 'status', stateDirectory(options), ...ids] };
  },

  parseStatus: parseLocalStatus,

  cancel(ids: JobId[], options) {
    return { argv: [options.node, launcher, 'cancel', stateDirectory(options), ...ids] };
  },

  classifyError() {
    return 'permanent';
  },

  logFiles(_id, job, options) {
    return { stdout: join(logDirectory(options), `${job.jobKey}.out`), stderr: join(logDirectory(options), `${job.jobKey}.err`) };
  },
};
