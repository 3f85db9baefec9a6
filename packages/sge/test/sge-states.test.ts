import { describe, expect, it } from 'vitest';
import { sgeJobStatus, sgeStateCodes } from '../src/index.js';
import { referenceSample } from './fixtures.js';

describe('sge state codes', () => {
  it.each(sgeStateCodes.map(({ code, state }) => [code, state]))('%s is %s', (code, state) => {
    expect(sgeJobStatus(code)).toMatchObject({ state, native: code });
  });

  it('covers every code sge_status(5) lists', () => {
    expect(sgeStateCodes.map(({ code }) => code).sort()).toEqual(
      ['qw', 'Rq', 'hqw', 'hRwq', 'r', 'hr', 't', 'Rr', 'Rt', 's', 'ts', 'S', 'tS', 'T', 'tT', 'Rs', 'Rts', 'RS', 'RtS', 'RT', 'RtT', 'Eqw', 'Ehqw', 'EhRqw',
        'dr', 'dt', 'dRr', 'dRt', 'ds', 'dS', 'dT', 'dRs', 'dRS', 'dRT'].sort(),
    );
  });

  it('keeps an erroring job held (not terminal) and says how to get it going', () => {
    expect(sgeJobStatus('Eqw')).toEqual({ state: 'held', native: 'Eqw', reason: expect.stringContaining('qmod -cj') });
  });

  it('reads combinations recorded from SGE 8.1.9 (Ss, Sh) and the Univa samples', () => {
    expect(sgeJobStatus('Ss')?.state).toBe('held');
    expect(sgeJobStatus('Sh')?.state).toBe('held');
    const lines = referenceSample('sge.qstat.nextflow-univa.txt').split('\n').slice(2).filter(Boolean);
    const states = Object.fromEntries(lines.map((line) => line.trim().split(/\s+/)).map((columns) => [columns[4], sgeJobStatus(columns[4]!)?.state]));
    expect(states).toEqual({
      t: 'running', r: 'running', R: 'running', qw: 'queued', Eqw: 'held', Tr: 'queued', T: 'queued', S: 'held',
      N: 'unknown', h: 'held', P: 'unknown', s: 'held', hqw: 'held', E: 'held', w: 'queued',
    });
  });

  it('leaves finished (z) jobs to accounting and calls anything else unknown, keeping the code', () => {
    expect(sgeJobStatus('z')).toBeUndefined();
    expect(sgeJobStatus('X')).toEqual({ state: 'unknown', native: 'X' });
    expect(sgeJobStatus('')).toEqual({ state: 'unknown', native: '' });
    expect(sgeJobStatus('r<x>')).toEqual({ state: 'unknown', native: 'r<x>' });
  });
});
