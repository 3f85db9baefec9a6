import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// From the published package this module is built JavaScript next to worker-main.js and
// task-thread.js; in the workspace it is TypeScript source, whose worker must run through tsx.
const fromSource = import.meta.url.endsWith('.ts');
const extension = fromSource ? 'ts' : 'js';

/** Absolute path of the `jq-worker` entry. */
export const workerEntryPath = fileURLToPath(new URL(`./worker-main.${extension}`, import.meta.url));

/** URL of the module the worker's threads load. */
export const taskThreadUrl = new URL(`./task-thread.${extension}`, import.meta.url);

/** argv that starts a worker process: `[node, (tsx loader when from source), entry]`. */
export function workerLaunchPrefix(node: string): string[] {
  if (!fromSource) return [node, workerEntryPath];
  // An absolute loader URL: `--import tsx` would resolve against the job's working directory.
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return [node, '--import', tsxLoader, '--conditions=@jq/source', workerEntryPath];
}
