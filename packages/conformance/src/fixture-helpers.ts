import type { JobState } from '@jq/core';
import type { OutputFixture, StatusFixture } from './suite-types.js';

/** A state `fixtures.status` (or `fixtures.accounting`) can hold. */
export type FixtureState = Exclude<JobState, 'lost' | 'unknown'>;

/**
 * Status fixtures that share one recorded output: `idsByState` names the job that
 * output shows in each state, e.g. `fixturesIn(recorded.table, { queued: '5085604', running: '5085109' })`.
 */
export function fixturesIn(output: OutputFixture | string, idsByState: Partial<Record<FixtureState, string>>): Partial<Record<FixtureState, StatusFixture>> {
  const recorded = typeof output === 'string' ? { stdout: output } : output;
  return Object.fromEntries(Object.entries(idsByState).map(([state, id]) => [state, { ...recorded, id }]));
}

/** Failed commands that printed only `stderr` messages and exited `exitCode`, as `fixtures.errors` lists them. */
export function failures(exitCode: number, ...stderr: string[]): OutputFixture[] {
  return stderr.map((message) => ({ stdout: '', stderr: message, exitCode }));
}
