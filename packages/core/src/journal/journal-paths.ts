import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$XDG_STATE_HOME/jobqueue/clusters` (default `~/.local/state/jobqueue/clusters`): where every cluster keeps its journal. */
export function journalRoot(environment: NodeJS.ProcessEnv = process.env): string {
  return join(environment.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'jobqueue', 'clusters');
}

/** The journal directory of cluster `name`. */
export function journalDirectory(name: string, environment: NodeJS.ProcessEnv = process.env): string {
  return join(journalRoot(environment), name);
}

/** Names of every cluster with a journal, sorted. */
export function journalNames(environment: NodeJS.ProcessEnv = process.env): string[] {
  try {
    return readdirSync(journalRoot(environment), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}
