import type { Command, CommandResult, JobId, JobStatus } from '@jq/core';
import { lsfError } from './lsf-errors.js';
import { type LsfJobFields, lsfJobStatus } from './lsf-states.js';

/** The bjobs fields the status command asks for. */
export const lsfStatusFields = 'jobid jobindex stat exit_code exit_reason';

/**
 * ONE `bjobs -a -o "<fields>" -json <ids>`: `-a` keeps finished jobs visible for LSF's
 * CLEAN_PERIOD (an hour by default) with their exit code and EXIT_REASON, so no separate
 * accounting command is needed; bhist's free-form text would only repeat it.
 */
export function lsfStatusCommand(ids: JobId[]): Command {
  return { argv: ['bjobs', '-a', '-o', lsfStatusFields, '-json', ...ids] };
}

/**
 * Statuses from `bjobs -a -o "<fields>" -json <ids>`. Unknown ids come back as ERROR
 * records (and exit 255 when none was found), so the output is read whatever the exit
 * code. The `bjobs -w` table is read too (header-driven, "LSF is processing your
 * request" lines skipped), for sites whose bjobs has no `-json`.
 */
export function parseLsfStatus(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus> {
  const text = result.stdout.trim();
  if (text === '') return new Map();
  const printed = text.startsWith('{') ? readJson(text) : readTable(text);
  const statuses = new Map<JobId, JobStatus>();
  for (const id of ids) {
    const fields = printed.get(id.trim());
    if (fields) statuses.set(id, lsfJobStatus(fields));
  }
  return statuses;
}

function refuse(message: string, text: string): never {
  throw lsfError('JQ_PARSE_FAILED', `${message}: ${JSON.stringify(text.slice(0, 80))}`);
}

function readJson(text: string): Map<string, LsfJobFields> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    refuse('bjobs printed invalid JSON', text);
  }
  const records = (document as { RECORDS?: unknown } | null)?.RECORDS;
  if (!Array.isArray(records)) refuse('bjobs JSON has no RECORDS list', text);
  const jobs = new Map<string, LsfJobFields>();
  for (const record of records as Array<Record<string, unknown> | null>) {
    const { JOBID: jobId, JOBINDEX: index, STAT: stat, EXIT_CODE: exitCode, EXIT_REASON: exitReason } = record ?? {};
    if (typeof jobId !== 'string' || typeof stat !== 'string' || record?.ERROR !== undefined) continue;
    const key = typeof index === 'string' && /^[1-9]\d*$/.test(index) && !jobId.includes('[') ? `${jobId}[${index}]` : jobId;
    jobs.set(key, {
      stat,
      ...(typeof exitCode === 'string' && /^-?\d+$/.test(exitCode) ? { exitCode: Number(exitCode) } : {}),
      ...(typeof exitReason === 'string' && exitReason !== '' ? { exitReason } : {}),
    });
  }
  return jobs;
}

// Columns are whitespace-separated and JOB_NAME may hold spaces, so only the columns
// before it are read by position; an array element's index ends its JOB_NAME.
function readTable(text: string): Map<string, LsfJobFields> {
  const lines = text.split('\n');
  const headerAt = lines.findIndex((line) => /^\s*JOBID\s+.*\bSTAT\b/.test(line));
  if (headerAt === -1) refuse('not bjobs JSON or a bjobs table', text);
  const header = (lines[headerAt] ?? '').trim().split(/\s+/);
  const statColumn = header.indexOf('STAT');
  const nameColumn = header.indexOf('JOB_NAME');
  const jobs = new Map<string, LsfJobFields>();
  for (const line of lines.slice(headerAt + 1)) {
    const words = line.trim().split(/\s+/);
    const [jobId] = words;
    const stat = words[statColumn];
    if (!jobId || !/^\d+$/.test(jobId) || !stat) continue;
    jobs.set(jobId, { stat });
    const index = nameColumn === -1 ? undefined : /\[(\d+)\]$/.exec(words.slice(nameColumn, -3).join(' '))?.[1];
    if (index) jobs.set(`${jobId}[${index}]`, { stat });
  }
  return jobs;
}
