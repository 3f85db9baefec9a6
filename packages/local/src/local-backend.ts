import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BackendV1, type CommandResult, type JobId, JobQueueError, type JobRequest, type ResolvedOptions, renderJobScript } from '@jq/core';
import Type from 'typebox';
import { parseLocalStatus } from './local-status.js';

const launcher = fileURLToPath(new URL('../bin/jq-local.mjs', import.meta.url));

/** Options only the local backend has. */
export const LocalOptionsSchema = Type.Object({
  node: Type.Optional(Type.String({ description: 'Node.js binary that runs the job launcher' })),
  slots: Type.Optional(Type.Integer({ minimum: 1, description: 'most jobs running at once; the rest wait queued' })),
});

/** Resolved options of the local backend. */
export interface LocalOptions extends ResolvedOptions {
  /** Node.js binary that runs the launcher. */
  node: string;
  /** Most jobs running at once; the rest wait queued. */
  slots?: number;
}

const stateDirectory = (options: LocalOptions) => join(options.scriptDirectory, 'local-jobs');
const logDirectory = (options: LocalOptions) => options.logDirectory ?? options.scriptDirectory;

/**
 * Jobs are processes on this machine: detached, each in its own process group,
 * status from the process table, cancel by signal to the group, exit codes kept.
 * The embedded default for the quickstart and the reference adapter.
 */
export const localBackend: BackendV1<LocalOptions> = {
  specificationVersion: 'v1',
  name: 'local',
  packageName: 'jq/local',
  options: LocalOptionsSchema,
  capabilities: { arrays: false, accounting: false },

  resolveOptions(options) {
    return { ...options, node: (options.node as string | undefined) ?? process.execPath };
  },

  render(job: JobRequest, options: LocalOptions) {
    return { script: renderJobScript(options, [`# jq/local job ${job.name}`], job.body) };
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
    if (!/^\d+$/.test(id)) throw new JobQueueError('JQ_PARSE_FAILED', `[jq/local] expected a process id from submit, got ${JSON.stringify(result.stdout.slice(0, 200))}`);
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
    return { stdout: join(logDirectory(options), `${job.name}.out`), stderr: join(logDirectory(options), `${job.name}.err`) };
  },
};
