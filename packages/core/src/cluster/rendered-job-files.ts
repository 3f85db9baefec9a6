import { dirname } from 'node:path';
import type { RenderedJob } from '../contracts/backend-v1.js';
import { corePrefix } from '../core-package.js';
import { SubmitError } from '../errors.js';
import { writePrivateFile } from './job-files.js';

/**
 * The files of a rendered job, script first: the script and, when the backend rendered one,
 * its executable. The executable must be another file in the script's folder: a runner on
 * another machine copies both into one folder of its own, where the script still finds it.
 */
export function renderedJobPaths(backendName: string, scriptPath: string, rendered: RenderedJob): [string, ...string[]] {
  const executable = rendered.executable?.path;
  if (executable === undefined) return [scriptPath];
  if (executable === scriptPath || dirname(executable) !== dirname(scriptPath)) {
    throw new SubmitError(`${corePrefix} backend "${backendName}" rendered its executable at ${executable}: it must be another file in the folder of the script ${scriptPath}`);
  }
  return [scriptPath, executable];
}

/** Writes the script (0600) and its executable (0700); both may hold the worker secret. */
export async function writeRenderedJob(scriptPath: string, rendered: RenderedJob): Promise<void> {
  await writePrivateFile(scriptPath, rendered.script);
  if (rendered.executable !== undefined) await writePrivateFile(rendered.executable.path, rendered.executable.text, 0o700);
}

/** What a preview shows: the script, then its executable under a comment line naming the file. */
export function renderedJobPreview(rendered: RenderedJob): string {
  const executable = rendered.executable;
  if (executable === undefined) return rendered.script;
  return `${rendered.script}\n# ---- the executable the script above runs: ${executable.path} ----\n${executable.text}`;
}
