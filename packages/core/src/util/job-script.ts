import type { NodeLauncher } from '../contracts/backend-v1.js';
import type { ResolvedOptions } from '../options/common-options.js';
import { quoteAllowingVariables, quoteArgument } from './shell.js';

/**
 * A placeholder for the value of shell variable `name` in a worker command. It holds
 * NUL characters, which option validation refuses, so no user value can forge it;
 * {@link renderJobBody} turns it into `"${name}"`.
 */
export function shellReference(name: string): string {
  return `\u0000jq:${name}\u0000`;
}

const shellReferencePattern = /\u0000jq:([A-Za-z_][A-Za-z0-9_]*)\u0000/;

/** Where the job's key goes in a worker command (`<clusterName>-<index>`, computed per array task). */
export const jobKeyReference = shellReference('JQ_JOB_KEY');

/** Where the worker's local directory goes; `$VAR` references in the option expand in the job. */
export const localDirectoryReference = shellReference('JQ_LOCAL_DIRECTORY');

/** Where a multi-node job's worker command takes the index of the node it runs on (expanded on that node). */
export const nodeIndexReference = shellReference('JQ_NODE_INDEX');

/** What goes into a job's shell body. */
export interface JobBodyParts {
  /** Literal job key, `<clusterName>-<index>`. */
  jobKey: string;
  /** Worker command argv from the scheduler; may contain {@link shellReference} placeholders. */
  command: string[];
  /** Environment exported before the prologue (scheduler secrets, user `env`). */
  environment: Record<string, string>;
  /** For array jobs: the variable with the task index, and the cluster's prefix and first index. */
  array?: { indexVariable: string; clusterName: string; firstIndex: number };
  /** For a job of several nodes: the backend's launcher, which runs the worker command once on each. */
  nodeLauncher?: NodeLauncher;
}

/** The shell body of a job: environment, prologue, worker command, epilogue. */
export function renderJobBody(options: ResolvedOptions, parts: JobBodyParts): string {
  const name = parts.array
    ? `"${parts.array.clusterName}-$(( ${parts.array.firstIndex} + \${${parts.array.indexVariable}} ))"`
    : quoteArgument(parts.jobKey);
  const lines = [`export JQ_JOB_KEY=${name}`];
  if (options.localDirectory !== undefined) lines.push(`export JQ_LOCAL_DIRECTORY=${quoteAllowingVariables(options.localDirectory)}`);
  for (const [key, value] of Object.entries(parts.environment)) lines.push(`export ${key}=${quoteAllowingVariables(value)}`);
  lines.push(...options.jobScriptPrologue.filter((line) => line.trim() !== ''));
  const command = parts.command.map(renderWord).join(' ');
  lines.push(parts.nodeLauncher ? onEveryNode(parts.nodeLauncher, command) : command);
  lines.push(...options.jobScriptEpilogue.filter((line) => line.trim() !== ''));
  return lines.join('\n');
}

/**
 * `<launcher> /bin/sh -c '<set JQ_NODE_INDEX>; exec <command>'`: the command's references
 * (job key, node index) must expand on each node, not in the batch script's shell. The
 * rendered command is single-quoted whole, so nothing in it is expanded twice.
 */
function onEveryNode(launcher: NodeLauncher, command: string): string {
  const perNode = `JQ_NODE_INDEX=${launcher.nodeIndex}; exec ${command}`;
  return [...launcher.argv.map(quoteArgument), '/bin/sh', '-c', `'${perNode.replaceAll("'", `'\\''`)}'`].join(' ');
}

function renderWord(word: string): string {
  // split() with a capturing group alternates literal pieces and variable names.
  return word
    .split(shellReferencePattern)
    .map((piece, position) => (position % 2 === 1 ? `"\${${piece}}"` : piece === '' ? '' : quoteArgument(piece)))
    .join('') || "''";
}

/**
 * Header lines `<prefix> <directive>`, minus those containing a `jobDirectivesSkip`
 * entry, then the user's `jobExtraDirectives` (never skipped), as dask-jobqueue does.
 */
export function renderHeader(prefix: string, directives: string[], options: ResolvedOptions): string[] {
  const generated = directives
    .map((directive) => `${prefix} ${directive}`)
    .filter((line) => !options.jobDirectivesSkip.some((skip) => line.includes(skip)));
  return [...generated, ...options.jobExtraDirectives.map((directive) => `${prefix} ${directive}`)];
}

/** The whole script: shebang, blank line, header, body, final newline. */
export function renderJobScript(options: ResolvedOptions, header: string[], body: string): string {
  return [options.shebang, '', ...header, body].join('\n') + '\n';
}
