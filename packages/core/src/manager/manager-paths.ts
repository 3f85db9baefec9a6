import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Published, this module is bundled into dist/index.js next to dist/manager-main.js; in the
// workspace it is TypeScript source next to manager-main.ts, which must run through tsx.
const fromSource = import.meta.url.endsWith('.ts');

/** Absolute path of the manager entry (`jq-manager`). */
export const managerEntryPath = fileURLToPath(new URL(`./manager-main.${fromSource ? 'ts' : 'js'}`, import.meta.url));

/** argv that starts a cluster manager: `[node, (tsx loader when from source), entry]`. */
export function managerLaunchPrefix(node: string = process.execPath): string[] {
  if (!fromSource) return [node, managerEntryPath];
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return [node, '--import', tsxLoader, '--conditions=@jq/source', managerEntryPath];
}
