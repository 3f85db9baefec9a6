import { parseArgs } from 'node:util';
import { JobQueueError, messagePrefix, suggestOption } from '@jq/core';
import { name as packageName } from '../package.json';
import type { RunOptions } from './run-in-allocation.js';
import type { DaskRunOptions } from './runner-dask.js';

/** The flags of `jq-run` and `jobqueue run`, as strings until checked. */
export interface RunFlags {
  /** Rank 0 runs a Dask scheduler and a Python script. */
  dask?: boolean;
  /** `--handshake-file <path>`. */
  handshakeFile?: string;
  /** `--port <port>`. */
  port?: string;
  /** `--scheduler-host <host>`. */
  schedulerHost?: string;
  /** `--threads <n>`. */
  threads?: string;
  /** `--death-timeout <seconds>`. */
  deathTimeout?: string;
  /** `--connect-timeout <seconds>`. */
  connectTimeout?: string;
  /** `--python <path>` (with `--dask`). */
  python?: string;
}

/** Checked flags: the options of a TypeScript run, or of a Dask run. */
export type RunSettings = { dask: false; options: RunOptions } | { dask: true; options: DaskRunOptions };

const prefix = messagePrefix(packageName);
const flagDeclarations = {
  dask: { type: 'boolean' },
  'handshake-file': { type: 'string' },
  port: { type: 'string' },
  'scheduler-host': { type: 'string' },
  threads: { type: 'string' },
  'death-timeout': { type: 'string' },
  'connect-timeout': { type: 'string' },
  python: { type: 'string' },
} as const;
const camelNames = Object.keys(flagDeclarations).map((flag) => flag.replace(/-(\w)/g, (_dash, letter: string) => letter.toUpperCase()));

function invalid(message: string): JobQueueError {
  return new JobQueueError('JQ_CONFIG_INVALID', `${prefix} ${message}`);
}

/**
 * `[flags…] <file> [args…]` as `jq-run` takes it: the flags end at the first word that is
 * not one, so the file's own arguments (`--input data.csv`) reach it untouched.
 */
export function parseRunCommandLine(argv: readonly string[]): { flags: RunFlags; file: string; args: string[] } {
  const { tokens } = parseArgs({ args: [...argv], options: flagDeclarations, strict: false, allowPositionals: true, tokens: true });
  const fileToken = tokens.find((token) => token.kind === 'positional');
  const ownEnd = tokens.find((token) => token.kind === 'positional' || token.kind === 'option-terminator')?.index ?? argv.length;
  for (const token of tokens) {
    if (token.kind !== 'option' || token.index >= ownEnd || token.name in flagDeclarations) continue;
    const nearest = /`([^`]+)`/.exec(suggestOption(token.name, camelNames) ?? '')?.[1];
    const hint = nearest ? `; did you mean --${nearest.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}?` : '';
    throw invalid(`${token.rawName}: not a flag of jq-run${hint} (flags: ${Object.keys(flagDeclarations).map((flag) => `--${flag}`).join(', ')})`);
  }
  if (fileToken === undefined) throw invalid('no file to run: jq-run [flags…] <file> [args…]');
  const { values } = parseArgs({ args: argv.slice(0, ownEnd), options: flagDeclarations, strict: true });
  const flags: RunFlags = {
    ...(values.dask ? { dask: true } : {}),
    ...defined('handshakeFile', values['handshake-file']),
    ...defined('port', values.port),
    ...defined('schedulerHost', values['scheduler-host']),
    ...defined('threads', values.threads),
    ...defined('deathTimeout', values['death-timeout']),
    ...defined('connectTimeout', values['connect-timeout']),
    ...defined('python', values.python),
  };
  return { flags, file: fileToken.value, args: argv.slice(fileToken.index + 1) };
}

/** Checks `flags` together: every value in range, one meeting place, no flag of the other flavour. */
export function runSettingsFromFlags(flags: RunFlags): RunSettings {
  const common = {
    ...positive('--threads', flags.threads, 'threads'),
    ...positive('--death-timeout', flags.deathTimeout, 'deathTimeout'),
    ...positive('--connect-timeout', flags.connectTimeout, 'connectTimeout'),
  };
  if (flags.dask) {
    if (flags.port !== undefined || flags.schedulerHost !== undefined) throw invalid('--port and --scheduler-host are for TypeScript runs; a Dask run meets through its scheduler file in the submit directory: drop --port with --dask');
    if (flags.handshakeFile !== undefined) throw invalid('--handshake-file is for TypeScript runs; a Dask run keeps its scheduler file in the submit directory: drop --handshake-file with --dask');
    return { dask: true, options: { ...common, ...defined('python', flags.python) } };
  }
  if (flags.python !== undefined) throw invalid('--python only goes with --dask: add --dask to run a Python script');
  return { dask: false, options: { ...common, ...meetingPlace(flags) } };
}

/** A handshake file, or a fixed port (and host) — not both. */
function meetingPlace(flags: RunFlags): Pick<RunOptions, 'handshakeFile' | 'port' | 'schedulerHost'> {
  if (flags.port === undefined) {
    if (flags.schedulerHost !== undefined) throw invalid('--scheduler-host only goes with --port: add --port <port>');
    return defined('handshakeFile', flags.handshakeFile);
  }
  if (flags.handshakeFile !== undefined) throw invalid('--port and --handshake-file are two ways for the ranks to meet: give one');
  const port = Number(flags.port);
  if (!/^\d+$/.test(flags.port) || port < 1 || port > 65_535) throw invalid(`--port: expected a port number 1–65535 (got "${flags.port}"), e.g. --port 47000`);
  return { port, ...defined('schedulerHost', flags.schedulerHost) };
}

function positive<Key extends string>(flag: string, value: string | undefined, key: Key): Partial<Record<Key, number>> {
  if (value === undefined) return {};
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1) throw invalid(`${flag}: expected a whole number of at least 1 (got "${value}"), e.g. ${flag} 30`);
  return { [key]: number } as Partial<Record<Key, number>>;
}

function defined<Key extends string>(key: Key, value: string | undefined): Partial<Record<Key, string>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Partial<Record<Key, string>>);
}
