import { backendConformanceSuite, type TestFunction } from '@jq/conformance';
import { resolveOptions } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { sgeBackend } from '../src/index.js';
import { conformanceOptions, sgeConformanceFixtures } from './sge-conformance-fixtures.js';
import { recorded, scenario } from './fixtures.js';

/**
 * Three checks of the suite assume what SGE's tools cannot do. Each is left out here
 * and replaced below by the property it stands for, checked the way SGE can meet it:
 * - qstat's job listing takes no ids: its one status command lists the caller's jobs;
 * - qacct's `-j` takes one id or one job name: its one command asks by the job name;
 * - qstat never shows ended jobs, so `completed` and `failed` come from qacct.
 */
const replaced = new Set([
  'sge [status] one status command covers every id',
  'sge [accounting] one accounting command covers every id, and empty output reports nothing',
  'sge [status] every normalized state has a fixture or a stated reason',
]);
const registered = new Set<string>();
const test: TestFunction = (name, body, timeout) => {
  registered.add(name);
  if (!replaced.has(name)) it(name, body, timeout);
};

backendConformanceSuite(test, () => sgeBackend, { options: conformanceOptions, fixtures: sgeConformanceFixtures });

describe('sge: what the replaced conformance checks stand for', () => {
  const options = resolveOptions({ name: 'conformance', ...conformanceOptions }, sgeBackend);

  it('the suite still registers the checks replaced here (a renamed check would run instead, and fail loudly)', () => {
    expect([...replaced].filter((name) => !registered.has(name))).toEqual([]);
  });

  it('[status] ONE command serves any ids, and its output answers for each requested id', () => {
    const few = sgeBackend.status(['101'], options);
    const many = sgeBackend.status(['101', '102', '103.4'], options);
    expect(many).toEqual(few);
    const ids = [scenario.single, scenario.held, `${scenario.array}.8`];
    expect([...sgeBackend.parseStatus(recorded('qstat-xml-mixed'), ids).keys()].sort()).toEqual([...ids].sort());
  });

  it("[accounting] ONE command asks by the cluster's job name; its output answers for each id; empty output reports nothing", () => {
    expect(sgeBackend.accounting!(['301', '302.1'], options)).toEqual(sgeBackend.accounting!(['303'], options));
    expect(sgeBackend.accounting!(['301'], options).argv).toContain(options.jobName);
    const ids = [scenario.completed, scenario.failed, scenario.timeout, scenario.single];
    expect([...sgeBackend.parseAccounting!(recorded('qacct-by-name'), ids).keys()].sort()).toEqual([...ids].sort());
    expect(sgeBackend.parseAccounting!({ ...recorded('qacct-by-name'), stdout: '' }, ids).size).toBe(0);
  });

  it('[states] every normalized state is reported by qstat or qacct, or has a stated reason', () => {
    const fromStatus = Object.keys(sgeConformanceFixtures.status);
    const byAccounting = sgeBackend.parseAccounting!(recorded('qacct-by-name'), [scenario.completed, scenario.failed, scenario.timeout, scenario.single]);
    const fromAccounting = [...byAccounting.values()].map((status) => status.state);
    expect(new Set(fromAccounting)).toEqual(new Set(['completed', 'failed', 'timeout', 'cancelled']));
    const covered = new Set([...fromStatus, ...fromAccounting, ...Object.keys(sgeConformanceFixtures.unreportedStates ?? {})]);
    for (const state of ['queued', 'held', 'running', 'completing', 'completed', 'failed', 'cancelled', 'timeout', 'out-of-memory', 'preempted']) {
      expect(covered.has(state), state).toBe(true);
    }
  });
});
