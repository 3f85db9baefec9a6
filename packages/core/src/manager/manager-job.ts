import { join } from 'node:path';
import type { AnyBackend } from '../contracts/backend-v1.js';
import type { BatchCommands } from '../cluster/batch-commands.js';
import { ensurePrivateDirectory } from '../cluster/job-files.js';
import { renderedJobPaths, writeRenderedJob } from '../cluster/rendered-job-files.js';
import { corePrefix } from '../core-package.js';
import { SubmitError } from '../errors.js';
import type { ResolvedOptions } from '../options/common-options.js';
import { resolveOptions } from '../options/resolve-options.js';
import { quoteArgument, quoteCommand } from '../util/shell.js';
import { managerLaunchPrefix } from './manager-paths.js';

/** The manager job's own resources: it runs the scheduler and the cluster manager, not tasks. */
export interface ManagerResources {
  /** Cores. Default 1. */
  cores?: number;
  /** Memory. Default `2GB`. */
  memory?: string;
  /** Walltime: it should outlast the workers. Default: the workers' walltime. */
  walltime?: string;
  /** Queue or partition. Default: the workers'. */
  queue?: string;
}

/**
 * Renders and submits the job that runs `jq-manager <name>` (role `manager`, job name
 * `<jobName>-manager`) or `jq-manager --scheduler-only <name>` (role `scheduler`, job name
 * `<jobName>-scheduler`): one process, in the project's directory, with the workers'
 * prologue (which loads Node.js on the nodes), its output in the journal. Returns the batch id.
 */
export async function submitManagerJob(inputs: {
  backend: AnyBackend;
  commands: BatchCommands;
  /** The cluster's options from every source (not yet resolved). */
  merged: Readonly<Record<string, unknown>>;
  resources: ManagerResources;
  name: string;
  log: string;
  /** What the job runs: the whole manager (default) or only the scheduler. */
  role?: 'manager' | 'scheduler';
  /**
   * A job that finds its files in a directory of its own on the login node (the manager is on
   * another machine, over SSH): the `jq-manager` arguments and that directory, where it starts
   * instead of the project's. This machine's `XDG_STATE_HOME` means nothing there.
   */
  remote?: { arguments: string[]; directory: string };
}): Promise<string> {
  const { backend, commands, resources, name, log, remote } = inputs;
  const role = inputs.role ?? 'manager';
  const roleArguments = remote?.arguments ?? (role === 'scheduler' ? ['--scheduler-only', name] : [name]);
  const { gpus: _gpus, processes: _processes, nodes: _nodes, ...merged } = inputs.merged;
  const walltime = resources.walltime ?? merged.walltime;
  const queue = resources.queue ?? merged.queue;
  const options: ResolvedOptions = resolveOptions(
    {
      ...merged,
      cores: resources.cores ?? 1,
      memory: resources.memory ?? '2GB',
      jobName: `${String(merged.jobName ?? 'jq-worker')}-${role}`,
      ...(walltime === undefined ? {} : { walltime }),
      ...(queue === undefined ? {} : { queue }),
    },
    backend,
  );
  const environment = remote === undefined && process.env.XDG_STATE_HOME ? [`export XDG_STATE_HOME=${quoteArgument(process.env.XDG_STATE_HOME)}`] : [];
  const body = [
    ...environment,
    ...options.jobScriptPrologue,
    `cd ${quoteArgument(remote?.directory ?? process.cwd())}`,
    `exec ${quoteCommand([...managerLaunchPrefix(), ...roleArguments])} >>${quoteArgument(log)} 2>&1`,
  ].join('\n');
  const scriptPath = join(options.scriptDirectory, `${name}-${role}.sh`);
  const request = { jobKey: `${name}-${role}`, pool: role, index: 0, body, scriptPath };
  const rendered = backend.render(request, options);
  const paths = renderedJobPaths(backend.name, scriptPath, rendered);
  await ensurePrivateDirectory(options.scriptDirectory);
  await writeRenderedJob(scriptPath, rendered);
  const result = await commands.submit(paths, options, undefined, new AbortController().signal);
  const [id] = backend.parseSubmit(result);
  if (id === undefined) throw new SubmitError(`${corePrefix} submitted the ${role} job of ${name} but read no job id from ${JSON.stringify(result.stdout.slice(0, 200))}`);
  return id;
}
