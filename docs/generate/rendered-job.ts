import { tmpdir } from 'node:os';
import { type AnyBackend, type Command, JobQueueCluster, JobQueueError } from '@jq/core';
import { EngineScheduler } from '@jq/engine';
import type { TypicalConfiguration } from '../content/batch-systems.js';
import { repositoryRoot } from './repository.js';

/** What a batch system's page shows, all produced by the real code at build time. */
export interface RenderedJob {
  /** `cluster.jobScript()` for the typical options. */
  script: string;
  /** Lines the GPU options add to the script, or the error the backend gives for them. */
  gpu: { added: string[] } | { refused: string } | undefined;
  /** The commands core runs, as the backend describes them. */
  commands: { label: string; argv: string[] }[];
}

const placeholderNode = '/path/to/node';
const placeholderScripts = '/path/to/scripts';
const placeholderModules = '/path/to/node_modules';

/** Builds the cluster (nothing is started or submitted), previews its script and describes its commands. */
export async function renderJob(configuration: TypicalConfiguration): Promise<RenderedJob> {
  const { backend, options, gpuOptions, jobIds } = configuration;
  const { script, resolved, cleanUp } = await preview(backend, options);
  let gpu: RenderedJob['gpu'];
  if (gpuOptions !== undefined) {
    try {
      const withGpus = await preview(backend, { ...options, ...gpuOptions });
      await withGpus.cleanUp();
      const plain = new Set(script.split('\n'));
      gpu = { added: withGpus.script.split('\n').filter((line) => !plain.has(line)) };
    } catch (error) {
      if (!JobQueueError.hasCode(error, 'JQ_CONFIG_INVALID')) throw error;
      gpu = { refused: (error as Error).message };
    }
  }
  const scriptPath = `${placeholderScripts}/${resolved.name}-0.sh`;
  const commands: { label: string; argv: string[] }[] = [{ label: 'submit one job', argv: argv(backend.submit(scriptPath, resolved)) }];
  if (backend.capabilities.arrays) commands.push({ label: 'submit 4 jobs as one array', argv: argv(backend.submit(scriptPath, resolved, { count: 4 })) });
  commands.push({ label: `status of ${jobIds.length} jobs (one command per poll)`, argv: argv(backend.status([...jobIds], resolved)) });
  if (backend.accounting) commands.push({ label: 'how jobs that left the queue ended', argv: argv(backend.accounting([...jobIds], resolved)) });
  commands.push({ label: `cancel ${jobIds.length} jobs`, argv: argv(backend.cancel([...jobIds], resolved)) });
  const sanitize = sanitizer(resolved.scriptDirectory);
  await cleanUp();
  return {
    script: sanitize(script),
    gpu: gpu && 'added' in gpu ? { added: gpu.added.map(sanitize) } : gpu,
    commands: commands.map(({ label, argv: words }) => ({ label, argv: words.map(sanitize) })),
  };
}

async function preview(backend: AnyBackend, options: TypicalConfiguration['options']) {
  const scheduler = new EngineScheduler();
  const cluster = new JobQueueCluster({ backend, scheduler, options, config: false, journal: false, handleExit: false });
  const launchPrefix = workerLaunchPrefix(scheduler);
  const script = cluster.jobScript().replace(launchPrefix, `${placeholderNode} ${placeholderModules}/@jq/engine/dist/worker-main.js`);
  if (script.includes(launchPrefix) || !script.includes(`${placeholderModules}/@jq/engine/`)) {
    throw new Error(`[jq/docs] the ${backend.name} script does not start the worker with "${launchPrefix}": update docs/generate/rendered-job.ts`);
  }
  return { script, resolved: cluster.options as Parameters<AnyBackend['render']>[1], cleanUp: () => cluster.close() };
}

/** The words before the scheduler's address in its worker command: machine-specific paths of Node.js and the worker entry. */
function workerLaunchPrefix(scheduler: EngineScheduler): string {
  const words = scheduler.workerCommand({ jobKey: 'key', pool: 'default', processes: 1, threads: 1, memoryLimit: 1, deathTimeout: 1, extraArgs: [] });
  const address = words.findIndex((word) => word.startsWith('tcp://'));
  if (address <= 0) throw new Error(`[jq/docs] the engine's worker command has no tcp:// address: ${JSON.stringify(words)}`);
  return words.slice(0, address).join(' ');
}

function argv(command: Command): string[] {
  return command.stdinFile === undefined ? command.argv : [...command.argv, '<', command.stdinFile];
}

/** Replaces this machine's paths (Node.js, the temporary script folder, the repository) by placeholders, and refuses any left. */
function sanitizer(scriptDirectory: string): (text: string) => string {
  return (text) => {
    const sanitized = text
      .replaceAll(scriptDirectory, placeholderScripts)
      .replaceAll(process.execPath, placeholderNode)
      .replace(new RegExp(`${escape(repositoryRoot)}packages/([a-z0-9-]+)/`, 'g'), `${placeholderModules}/@jq/$1/`);
    for (const machinePath of [repositoryRoot, tmpdir()]) {
      if (sanitized.includes(machinePath)) throw new Error(`[jq/docs] a generated page would show this machine's path ${machinePath}: ${sanitized}`);
    }
    return sanitized;
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
