import { describe, expect, it } from 'vitest';
import { sgeBackend } from '../src/index.js';
import { recorded, statesScenario as jobs } from './fixtures.js';

// Outputs recorded from SGE 8.1.9 by fixtures/record-states.sh.
describe('sge state rules on recorded outputs', () => {
  const ids = [jobs.rescheduled, jobs.outputError];
  const accounting = (name: string) => sgeBackend.parseAccounting!(recorded(name), ids);

  it('in the queue, a rescheduled job runs again (Rr) and one that could not open its output waits in error (Eqw, held)', () => {
    const queue = sgeBackend.parseStatus(recorded('qstat-xml-rescheduled'), ids);
    expect(queue.get(jobs.rescheduled)).toEqual({ state: 'running', native: 'Rr' });
    expect(queue.get(jobs.outputError)).toMatchObject({ state: 'held', native: 'Eqw' });
  });

  it('a failed 25 (rescheduling) record does not end the job: no status while it runs again', () => {
    expect(recorded('qacct-rescheduled').stdout).toMatch(new RegExp(`jobnumber\\s+${jobs.rescheduled}\\s[\\s\\S]*?failed\\s+25\\s+: rescheduling`));
    expect(accounting('qacct-rescheduled').has(jobs.rescheduled)).toBe(false);
  });

  it('after the rerun was deleted, its last record tells how the job ended', () => {
    expect(accounting('qacct-rescheduled-ended').get(jobs.rescheduled)).toMatchObject({ state: 'cancelled', exitCode: 137 });
  });

  it('a failed 26 record with exit_status 0 reports exit code 0 and the reason', () => {
    expect(accounting('qacct-rescheduled').get(jobs.outputError)).toEqual({
      state: 'failed', native: 'failed 26 : opening input/output file; exit_status 0', reason: 'opening input/output file', exitCode: 0,
    });
  });

  it("the backend's own qacct (-d 1: ended in the last day) never lists records without an end time", () => {
    const byDay = sgeBackend.parseAccounting!(recorded('qacct-rescheduled-by-day'), ids);
    expect(recorded('qacct-rescheduled-by-day').stdout).not.toMatch(/failed\s+2[56]\s/);
    expect(byDay.get(jobs.rescheduled)).toMatchObject({ state: 'cancelled', exitCode: 137 });
    expect(byDay.has(jobs.outputError)).toBe(false);
  });
});
