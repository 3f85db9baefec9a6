import type { SchedulerRecord } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { DaskScheduler, daskConnectionOf, restoreScheduler } from '../../src/index.js';

describe('the scheduler record', () => {
  it('before start names the package, the options as given, the private directory, scheduler file and token', () => {
    const scheduler = new DaskScheduler({ host: '127.0.0.1', pollInterval: 200 });
    const record = scheduler.record();
    expect(record).toEqual({
      kind: 'dask',
      packageName: '@jq/dask',
      address: '',
      settings: {
        format: 'jq-dask-scheduler',
        version: 1,
        options: { host: '127.0.0.1', pollInterval: 200 },
        directory: scheduler.tls!.directory,
        schedulerFile: scheduler.schedulerFile,
        httpToken: expect.stringMatching(/^[\w-]{32}$/),
        processesPerJob: 1,
      },
    });
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });

  it('restores a scheduler with the same directory, scheduler file, TLS files and token', () => {
    const original = new DaskScheduler({ schedulerFile: 'relative/scheduler.json' });
    expect(original.schedulerFile).toBe(`${process.cwd()}/relative/scheduler.json`);
    const restored = restoreScheduler(original.record());
    expect(restored.schedulerFile).toBe(original.schedulerFile);
    expect(restored.tls).toEqual(original.tls);
    expect(restored.record()).toEqual(original.record());
    expect(restored.connection).toEqual(original.connection);
  });

  it('gives a Python snippet that works as printed, from the scheduler or from its record', () => {
    const scheduler = new DaskScheduler();
    const { tls, schedulerFile } = scheduler;
    expect(scheduler.connection.python).toBe(
      [
        'from distributed import Client, Security',
        '',
        'security = Security(',
        `    tls_ca_file="${tls!.caFile}",`,
        `    tls_client_cert="${tls!.certFile}",`,
        `    tls_client_key="${tls!.keyFile}",`,
        '    require_encryption=True,',
        ')',
        `client = Client(scheduler_file="${schedulerFile}", security=security)`,
        '',
      ].join('\n'),
    );
    expect(daskConnectionOf(scheduler.record())).toEqual(scheduler.connection);
    const quoted = new DaskScheduler({ schedulerFile: '/data/a "b"\\c.json' });
    expect(quoted.connection.python).toContain('Client(scheduler_file="/data/a \\"b\\"\\\\c.json", security=security)');
  });

  it('refuses a record of another scheduler, or one this version does not write', () => {
    const engine: SchedulerRecord = { kind: 'engine', packageName: '@jq/engine', address: 'tcp://x:1', settings: {} };
    expect(() => restoreScheduler(engine)).toThrow(/^\[jq\/dask\] cannot restore a engine scheduler of @jq\/engine: not a Dask scheduler of @jq\/dask$/);
    const record = new DaskScheduler().record();
    const { httpToken: _token, ...withoutToken } = record.settings;
    expect(() => restoreScheduler({ ...record, settings: withoutToken })).toThrow(
      expect.objectContaining({ reason: 'restore-failed', code: 'JQ_JOURNAL_INVALID', message: expect.stringContaining('the Dask scheduler record is not one this version writes') }),
    );
    expect(() => restoreScheduler({ ...record, settings: { ...record.settings, version: 2 } })).toThrow(/\/version/);
  });
});
