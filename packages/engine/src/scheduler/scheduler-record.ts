import type { SchedulerRecord } from '@jq/core';
import { JobQueueError } from '@jq/core';
import { enginePackageName } from '../engine-package.js';
import { integer, isObject, literal, object, string, type Check } from '../protocol/protocol-checks.js';
import type { EngineSchedulerOptions, ResolvedEngineSchedulerOptions } from './scheduler-options.js';
import type { TlsMaterial } from './scheduler-tls.js';

/** The TLS key and certificate of a scheduler, so its successor presents the certificate its workers trust. */
export interface RecordedTls {
  /** The private directory that held them; the successor writes them back there, where workers read the certificate. */
  directory: string;
  key: string;
  certificate: string;
}

/**
 * `SchedulerRecord.settings` of an engine scheduler. Secrets included (the worker secret,
 * the HTTP token, the TLS key): the journal is private to its user.
 */
export interface EngineRecordSettings {
  format: 'jq-engine-scheduler';
  version: 1;
  /** The options the scheduler was made with, secrets left out (they are below). */
  options: EngineSchedulerOptions;
  secret: string;
  httpToken: string;
  /** The worker port, once listening: its successor listens on the same one. */
  port?: number;
  /** The HTTP port, once listening. */
  httpPort?: number;
  tls?: RecordedTls;
}

/** What a running (or not yet started) scheduler knows about itself. */
export interface RecordSource {
  given: EngineSchedulerOptions;
  options: ResolvedEngineSchedulerOptions;
  address: string | undefined;
  dashboardUrl: string | undefined;
  tls: TlsMaterial | undefined;
}

/** The journal record of a scheduler; before start it has no address and no ports. */
export function engineRecord(source: RecordSource): SchedulerRecord {
  const { secret: _secret, httpToken: _httpToken, ...options } = source.given;
  const port = source.address === undefined ? undefined : Number(new URL(source.address).port);
  const httpPort = source.dashboardUrl === undefined ? undefined : Number(new URL(source.dashboardUrl).port);
  const settings: EngineRecordSettings = {
    format: 'jq-engine-scheduler',
    version: 1,
    options: { ...options },
    secret: source.options.secret,
    httpToken: source.options.httpToken,
    ...(port === undefined ? {} : { port }),
    ...(httpPort === undefined ? {} : { httpPort }),
    ...(source.tls === undefined ? {} : { tls: { directory: source.tls.directory, key: source.tls.key, certificate: source.tls.certificate } }),
  };
  return {
    kind: 'engine',
    packageName: enginePackageName,
    address: source.address ?? '',
    ...(source.dashboardUrl === undefined ? {} : { dashboardUrl: source.dashboardUrl }),
    settings: settings as unknown as Record<string, unknown>,
  };
}

const port = integer({ minimum: 0 });
const checkSettings: Check = object(
  { format: literal('jq-engine-scheduler'), version: literal(1), options: object({}), secret: string(16), httpToken: string(16) },
  { port, httpPort: port, tls: object({ directory: string(1), key: string(1), certificate: string(1) }) },
);

/** A record's settings, checked: a record of another scheduler, version or a damaged one is a clear error. */
export function readEngineRecord(record: SchedulerRecord): EngineRecordSettings {
  if (record.kind !== 'engine' || record.packageName !== enginePackageName) {
    throw new JobQueueError('JQ_JOURNAL_INVALID', `[jq/engine] cannot restore a ${record.kind} scheduler of ${record.packageName}: not an engine scheduler of ${enginePackageName}`);
  }
  const problem = checkSettings(record.settings);
  if (problem !== undefined || !isObject(record.settings)) {
    throw new JobQueueError('JQ_JOURNAL_INVALID', `[jq/engine] the engine scheduler record is not one this version writes (settings${problem ?? ''})`);
  }
  return record.settings as unknown as EngineRecordSettings;
}

/** The options a successor starts with: the recorded ones, the same credentials, and the same ports once there were some. */
export function restoredOptions(settings: EngineRecordSettings): EngineSchedulerOptions {
  const options: EngineSchedulerOptions = { ...settings.options, secret: settings.secret, httpToken: settings.httpToken };
  if (settings.port !== undefined) options.port = settings.port;
  if (settings.httpPort !== undefined && options.httpPort !== false) options.httpPort = settings.httpPort;
  return options;
}
