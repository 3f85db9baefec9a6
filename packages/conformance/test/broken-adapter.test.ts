import type { BackendV1 } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { accountingTests, backendConformanceSuite, renderingTests, statusParsingTests } from '../src/index.js';
import { runCollected } from './support/collect-tests.js';
import { toyBackend, toyFixtures } from './support/toy-backend.js';

const options = { cores: 1, memory: '1GB' };

const brokenBackend: BackendV1 = {
  ...toyBackend,
  name: 'broken-toy',
  render(job, resolved) {
    const { queue: _dropped, ...withoutQueue } = resolved;
    return toyBackend.render(job, withoutQueue);
  },
  parseStatus(result, ids) {
    const statuses = toyBackend.parseStatus(result, ids);
    for (const status of statuses.values()) if (status.state === 'unknown') throw new Error(`unexpected state ${status.native}`);
    return statuses;
  },
  cancel: (ids) => ({ argv: ['toy-cancel', ids[0] ?? ''] }),
  classifyError: () => 'permanent',
};

describe('a deliberately broken adapter', () => {
  it('fails exactly the broken parts of the suite, each with a message that says what to fix', async () => {
    const outcomes = await runCollected((test) => backendConformanceSuite(test, () => brokenBackend, { options, fixtures: toyFixtures }));
    const failures = Object.fromEntries([...outcomes].filter(([, message]) => message !== undefined));
    expect(Object.keys(failures).sort()).toEqual([
      'broken-toy [cancel] one cancel command covers every id',
      'broken-toy [errors] failures are classified transient or permanent as recorded',
      'broken-toy [rendering] option queue lands in a directive',
      'broken-toy [status] an unknown state code parses to unknown, never a throw',
    ]);
    expect(failures['broken-toy [status] an unknown state code parses to unknown, never a throw']).toBe(
      '[jq/conformance] backend "broken-toy": parseStatus for 1 threw Error: unexpected state WEIRD',
    );
    expect(failures['broken-toy [cancel] one cancel command covers every id']).toContain('cancel(["201","202","203"]) must be ONE command naming every id, got ["toy-cancel","201"]');
    expect(failures['broken-toy [rendering] option queue lands in a directive']).toContain('changing queue from "conformance-queue-a" to "conformance-queue-b" changed no "#TOY" line');
    expect(failures['broken-toy [errors] failures are classified transient or permanent as recorded']).toContain('classifyError("server busy, try again") must be "transient", got "permanent"');
  });

  it('passes every test when the adapter is correct', async () => {
    const outcomes = await runCollected((test) => backendConformanceSuite(test, () => toyBackend, { options, fixtures: toyFixtures }));
    expect([...outcomes.values()].filter(Boolean)).toEqual([]);
    expect(outcomes.size).toBeGreaterThan(20);
  });

  it('fails a status fixture that parses to the wrong state', async () => {
    const fixtures = { ...toyFixtures, status: { ...toyFixtures.status, held: { id: '1', stdout: '1 PEND\n' } } };
    const outcomes = await runCollected((test) => statusParsingTests(test, () => toyBackend, { options, fixtures }));
    expect(outcomes.get('[status] a recorded "held" output parses to held')).toContain('the "held" fixture parsed to {"state":"queued","native":"PEND"}');
  });

  it('catches a backend that unquotes the job body, by running the rendered script', async () => {
    const unquoting: BackendV1 = { ...toyBackend, render: (job, resolved) => toyBackend.render({ ...job, body: job.body.replaceAll("'", '') }, resolved) };
    const outcomes = await runCollected((test) => renderingTests(test, () => unquoting, { options, fixtures: toyFixtures }));
    expect(outcomes.get('[rendering] shell code in names is refused and in values stays data when the script runs')).toContain(
      'shell code in worker arguments or env values ran when the script ran',
    );
  });

  it('catches a backend whose executable leaves the job environment in the script too, and passes one that keeps it apart', async () => {
    const withExecutable = (keepApart: boolean): BackendV1 => ({
      ...toyBackend,
      render(job, resolved) {
        const { script } = toyBackend.render(keepApart ? { ...job, body: 'exec "$0.run"' } : job, resolved);
        return { script, executable: { path: `${job.scriptPath}.run`, text: `#!/bin/sh\n${job.body}\n` } };
      },
    });
    const test = '[rendering] an executable the script names is its own file beside it, and only it holds the environment';
    const leaking = await runCollected((collect) => renderingTests(collect, () => withExecutable(false), { options, fixtures: toyFixtures }));
    expect(leaking.get(test)).toContain('with an executable, the script must not carry the job\'s environment');
    const apart = await runCollected((collect) => renderingTests(collect, () => withExecutable(true), { options, fixtures: toyFixtures }));
    expect([...apart.values()].filter(Boolean)).toEqual([]);
  });

  it('holds a backend that claims accounting to having it', async () => {
    const claiming: BackendV1 = { ...toyBackend, capabilities: { arrays: false, accounting: true, statusScope: 'ids' } };
    const outcomes = await runCollected((test) => accountingTests(test, () => claiming, { options, fixtures: toyFixtures }));
    expect(outcomes.get('[accounting] one accounting command covers every id, and empty output reports nothing')).toContain('accounting() and parseAccounting() are required');
  });

  it('demands a fixture or a reason for every normalized state', async () => {
    const { preempted: _preempted, ...status } = toyFixtures.status;
    const outcomes = await runCollected((test) => statusParsingTests(test, () => toyBackend, { options, fixtures: { ...toyFixtures, status } }));
    expect(outcomes.get('[status] every normalized state has a fixture or a stated reason')).toContain('fixtures.status (or fixtures.accounting) has no output for ["preempted"]');
  });
});

describe('suite options', () => {
  it('fail loudly when removed, unknown or missing', () => {
    expect(() => backendConformanceSuite(it, () => toyBackend, { options, fixtures: toyFixtures, arrays: true } as never)).toThrow(
      'suite option "arrays" was removed: capabilities live on the backend now: set backend.capabilities.arrays',
    );
    expect(() => backendConformanceSuite(it, () => toyBackend, { options, fixtures: toyFixtures, fixture: {} } as never)).toThrow('unknown suite option "fixture"');
    expect(() => backendConformanceSuite(it, () => toyBackend, { options, fixtures: { ...toyFixtures, accounting: true } } as never)).toThrow('fixture "accounting" was removed');
    const { absentId: _absentId, ...fixtures } = toyFixtures;
    expect(() => backendConformanceSuite(it, () => toyBackend, { options, fixtures } as never)).toThrow('fixtures lack absentId');
    expect(() => backendConformanceSuite(it, toyBackend as never, { options, fixtures: toyFixtures })).toThrow(TypeError);
  });
});
