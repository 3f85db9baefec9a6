import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { TSchema, Static } from 'typebox';
import Value from 'typebox/value';
import { corePrefix } from '../core-package.js';
import { JobQueueError } from '../errors.js';

/**
 * Writes `value` as JSON to `path` atomically: a private temporary file, flushed to disk,
 * then renamed over the old one. A process killed at any moment leaves either the old
 * file or the new one, never a torn one.
 */
export function writeJsonAtomically(path: string, value: unknown): void {
  const temporary = `${path}.${process.pid}.tmp`;
  const descriptor = openSync(temporary, 'w', 0o600);
  try {
    writeSync(descriptor, JSON.stringify(value));
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, path);
}

/** Reads and checks a journal file against `schema`; a missing, unreadable or foreign file is a clear error. */
export function readJournalFile<S extends TSchema>(path: string, schema: S, what: string): Static<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new JobQueueError('JQ_JOURNAL_INVALID', `${corePrefix} cannot read the ${what} ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseJournalText(text, path, schema, what);
}

/** Checks the text of a journal file read elsewhere (on a login node, over SSH) against `schema`; `path` only names it in errors. */
export function parseJournalText<S extends TSchema>(text: string, path: string, schema: S, what: string): Static<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new JobQueueError('JQ_JOURNAL_INVALID', `${corePrefix} the ${what} ${path} is not JSON: corrupt, or not written by jobqueue`);
  }
  if (!Value.Check(schema, value)) {
    const first = Value.Errors(schema, value)[0];
    throw new JobQueueError('JQ_JOURNAL_INVALID', `${corePrefix} the ${what} ${path} is not a jobqueue ${what} of this version (${first?.instancePath || '/'} ${first?.message ?? ''})`);
  }
  return value as Static<S>;
}
