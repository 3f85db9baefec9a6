import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// From the published package this module is built JavaScript next to worker-main.cjs and
// task-thread.cjs (CommonJS bundles, see worker-bundle.config.ts); in the workspace it is
// TypeScript source, whose worker must run through tsx.
const fromSource = import.meta.url.endsWith('.ts');
const extension = fromSource ? 'ts' : 'cjs';

/** Absolute path of the `jq-worker` entry. */
export const workerEntryPath = fileURLToPath(new URL(`./worker-main.${extension}`, import.meta.url));

/** URL of the module the worker's threads load. */
export const taskThreadUrl = new URL(`./task-thread.${extension}`, import.meta.url);

/**
 * What `new Worker()` starts for a task thread. Built, the thread file itself. From source,
 * a bootstrap that registers tsx in the thread, then imports it: Node 20 does not carry the
 * process's `--import` loader hooks into worker threads.
 */
export function taskThreadEntry(): { entry: string | URL; eval: boolean } {
  if (!fromSource) return { entry: taskThreadUrl, eval: false };
  // Resolved when a thread starts, in the worker process (under tsx, where import.meta.resolve exists).
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(taskThreadUrl.href)}); })`;
  return { entry: code, eval: true };
}

/** argv that starts a worker process: `[node, (tsx loader when from source), entry]`. */
export function workerLaunchPrefix(node: string): string[] {
  if (!fromSource) return [node, workerEntryPath];
  // An absolute loader URL: `--import tsx` would resolve against the job's working directory.
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return [node, '--import', tsxLoader, '--conditions=@jq/source', workerEntryPath];
}
