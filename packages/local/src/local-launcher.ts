import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalResolvedOptions } from './local-options.js';

/** The launcher every command runs: `jq-local submit|status|cancel`, a plain Node script shipped in `bin/`. */
export const localLauncher = fileURLToPath(new URL('../bin/jq-local.mjs', import.meta.url));

/** Where the launcher keeps its job records: private, next to the job scripts. */
export const localStateDirectory = (options: LocalResolvedOptions): string => join(options.scriptDirectory, 'local-jobs');

/** Where jobs write their output: the log directory, else next to the scripts. */
export const localLogDirectory = (options: LocalResolvedOptions): string => options.logDirectory ?? options.scriptDirectory;
