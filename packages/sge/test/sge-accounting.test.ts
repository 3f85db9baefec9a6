import { describe, expect, it } from 'vitest';
import { resolveOptions, type CommandResult } from '@jq/core';
import { sgeAccountingStatus, sgeBackend } from '../src/index.js';
import { arrayTaskIds, output, recorded, referenceSample, scenario } from './fixtures.js';

const options = resolveOptions({ name: 'test', cores: 1, memory: '1GB', jobName: 'jq-fixture' }, sgeBackend);
const parse = (result: CommandResult, ids: string[]) => sgeBackend.parseAccounting!(result, ids);

describe('sge accounting', () => {
  it("asks ONE qacct by the cluster's job name, for jobs that ended in the last day", () => {
    expect(sgeBackend.accounting!(['5', '6.1', '6.2'], options).argv).toEqual(['qacct', '-j', 'jq-fixture', '-E', '-d', '1']);
    expect(recorded('qacct-by-name').argv).toEqual(sgeBackend.accounting!(['5'], options).argv);
    expect(() => sgeBackend.accounting!(['5;id'], options)).toThrow(/not SGE job ids/);
  });

  it('tells completed, failed (exit 3) and timeout (h_rt, failed 37) apart in real qacct records', () => {
    const statuses = parse(recorded('qacct-by-name'), [scenario.completed, scenario.failed, scenario.timeout]);
    expect(statuses.get(scenario.completed)).toEqual({ state: 'completed', native: 'failed 0; exit_status 0', exitCode: 0 });
    expect(statuses.get(scenario.failed)).toEqual({ state: 'failed', native: 'failed 0; exit_status 3', exitCode: 3 });
    expect(statuses.get(scenario.timeout)).toEqual({
      state: 'timeout', native: 'failed 37 : qmaster enforced h_rt, h_cpu, or h_vmem limit; exit_status 137', reason: 'killed at its h_rt or h_cpu limit', exitCode: 137,
    });
  });

  it('reports running jobs and array tasks that qdel killed (failed 100, exit 137) as cancelled', () => {
    const ids = [scenario.single, scenario.victim, scenario.suspended, ...arrayTaskIds];
    const statuses = parse(recorded('qacct-by-name'), ids);
    for (const id of [scenario.single, scenario.victim, scenario.suspended, ...arrayTaskIds.slice(0, 6)]) {
      expect(statuses.get(id)).toMatchObject({ state: 'cancelled', exitCode: 137, reason: expect.stringContaining('qdel') });
    }
    // tasks 7 and 8 were deleted while pending: they never ran, so accounting has no record
    expect(statuses.has(`${scenario.array}.7`)).toBe(false);
    expect(statuses.has(`${scenario.array}.8`)).toBe(false);
  });

  it('leaves out ids not in the records, whatever the other records say', () => {
    expect(parse(recorded('qacct-by-name'), ['999999', `${scenario.completed}.1`, `${scenario.array}`]).size).toBe(0);
    expect(parse(recorded('qacct-unknown-name'), ['5']).size).toBe(0);
    expect(parse(recorded('qacct-unknown-id'), ['999999']).size).toBe(0);
  });

  it('takes the last record of a job that ran twice (rescheduled)', () => {
    const record = (failed: string, exit: string) => `==============================================================\njobnumber    61\ntaskid       undefined\nfailed       ${failed}\nexit_status  ${exit}\n`;
    expect(parse(output(record('25  : rescheduling', '137') + record('0', '0')), ['61']).get('61')?.state).toBe('completed');
  });

  it('reads the record sge-smoke printed (SGE 8.1.9, this machine kind)', () => {
    const smoke = referenceSample('sge-smoke.qacct.txt');
    expect(parse(output(smoke), ['1']).get('1')).toEqual({ state: 'completed', native: 'failed 0; exit_status 0', exitCode: 0 });
  });

  it.each([
    [0, '0', 0, 'completed'],
    [0, '0', 1, 'failed'],
    [37, '37 : qmaster enforced h_rt, h_cpu, or h_vmem limit', 137, 'timeout'],
    [100, '100 : assumedly after job', 137, 'cancelled'],
    [100, '100 : assumedly after job', 143, 'failed'],
    [17, '17 : through signal', 137, 'cancelled'],
    [26, '26 : opening input/output file', 0, 'failed'],
    [27, '27 : searching requested shell', 0, 'failed'],
    [8, '8 : in prolog', 0, 'failed'],
  ] as const)('failed %d with exit status %d… maps as sge_status(5) explains', (failed, text, exitStatus, state) => {
    expect(sgeAccountingStatus(failed, text, exitStatus)?.state).toBe(state);
  });

  it('a rescheduling (failed 25) ends a run, not the job: no status', () => {
    expect(sgeAccountingStatus(25, '25 : rescheduling', 0)).toBeUndefined();
    expect(sgeAccountingStatus(25, '25 : rescheduling', 137)).toBeUndefined();
  });

  it('reports the exit status as qacct prints it, 0 included, and keeps the failure text as reason', () => {
    expect(sgeAccountingStatus(26, '26 : opening input/output file', 0)).toEqual({
      state: 'failed', native: 'failed 26 : opening input/output file; exit_status 0', reason: 'opening input/output file', exitCode: 0,
    });
  });
});
