import type { BackendV1, JobStatus } from '@jq/core';
import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { accountingTests, renderingTests, statusParsingTests } from '../src/index.js';
import { runCollected } from './support/collect-tests.js';
import { toyBackend, toyFixtures } from './support/toy-backend.js';

const options = { cores: 1, memory: '1GB' };

/** The toy system, asking for the user's jobs and accounting by job name, as SGE does. */
const userScoped: BackendV1 = {
  ...toyBackend,
  name: 'scoped-toy',
  capabilities: { arrays: false, accounting: true, statusScope: 'user', accountingScope: 'job-name' },
  status: () => ({ argv: ['toy-status', '--all'] }),
  accounting: (_ids, resolved) => ({ argv: ['toy-history', '--name', resolved.jobName] }),
  parseAccounting: (result, ids) => toyBackend.parseStatus(result, ids),
};
const { completed, failed, ...queueOnly } = toyFixtures.status;
const scopedFixtures = { ...toyFixtures, status: queueOnly, accounting: { completed: completed!, failed: failed! } };

describe('capabilities the suite reads', () => {
  it('statusScope "user" and accountingScope "job-name": one command whatever the ids, ended states from accounting', async () => {
    const outcomes = await runCollected((test) => {
      statusParsingTests(test, () => userScoped, { options, fixtures: scopedFixtures });
      accountingTests(test, () => userScoped, { options, fixtures: scopedFixtures });
    });
    expect([...outcomes].filter(([, message]) => message !== undefined)).toEqual([]);
    expect([...outcomes.keys()]).toContain('[accounting] a recorded "completed" accounting output parses to completed');
  });

  it('holds the same backend to naming every id when it declares the "ids" scopes', async () => {
    const claimsIds: BackendV1 = { ...userScoped, capabilities: { ...userScoped.capabilities, statusScope: 'ids', accountingScope: 'ids' } };
    const outcomes = await runCollected((test) => {
      statusParsingTests(test, () => claimsIds, { options, fixtures: scopedFixtures });
      accountingTests(test, () => claimsIds, { options, fixtures: scopedFixtures });
    });
    expect(outcomes.get('[status] one status command covers every id')).toContain('must be ONE command naming every id');
    expect(outcomes.get('[accounting] one accounting command covers every id, and empty output reports nothing')).toContain('must be ONE command naming every id');
  });

  it('fails a "user"-scoped status command that changes with the ids, and accounting without recorded outputs', async () => {
    const varying: BackendV1 = { ...userScoped, status: (ids) => ({ argv: ['toy-status', ...ids] }) };
    const unrecorded = { ...scopedFixtures, accounting: {} };
    const outcomes = await runCollected((test) => {
      statusParsingTests(test, () => varying, { options, fixtures: unrecorded });
      accountingTests(test, () => varying, { options, fixtures: unrecorded });
    });
    expect(outcomes.get('[status] one status command covers every id')).toContain("listing the user's jobs whatever the ids");
    expect(outcomes.get('[accounting] recorded accounting outputs exist')).toContain('fixtures.accounting needs recorded outputs');
    expect(outcomes.get('[status] every normalized state has a fixture or a stated reason')).toContain('has no output for ["completed","failed"]');
  });

  it('checks the signal a fixture records apart from the exit code', async () => {
    const killed = { id: '1', stdout: '1 EXIT 0\n', jobExitCode: 0, jobSignal: 9 };
    const signalled: BackendV1 = {
      ...toyBackend,
      parseStatus: (result, ids) => new Map([...toyBackend.parseStatus(result, ids)].map(([id, status]): [string, JobStatus] => [id, { ...status, state: 'failed', signal: 9 }])),
    };
    const fixtures = { ...toyFixtures, status: { ...toyFixtures.status, failed: killed } };
    const right = await runCollected((test) => statusParsingTests(test, () => signalled, { options, fixtures }));
    expect(right.get('[status] a recorded "failed" output parses to failed')).toBeUndefined();
    const wrong = await runCollected((test) => statusParsingTests(test, () => toyBackend, { options, fixtures }));
    expect(wrong.get('[status] a recorded "failed" output parses to failed')).toContain('carries signal 9, parsed undefined');
  });

  it('refuses a backend whose own schema lets a fractional or negative GPU count through', async () => {
    const loose: BackendV1 = { ...toyBackend, options: Type.Object({ gpus: Type.Optional(Type.Number()) }) };
    const outcomes = await runCollected((test) => renderingTests(test, () => loose, { options, fixtures: toyFixtures }));
    expect(outcomes.get('[rendering] a GPU count that is not a whole number ≥ 1 is refused, naming gpus')).toContain('gpus 0 must be refused');
    const strict = await runCollected((test) => renderingTests(test, () => toyBackend, { options, fixtures: toyFixtures }));
    expect(strict.get('[rendering] a GPU count that is not a whole number ≥ 1 is refused, naming gpus')).toBeUndefined();
  });
});
