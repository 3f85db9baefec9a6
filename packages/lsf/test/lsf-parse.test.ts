import type { CommandResult } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { classifyLsfError, parseLsfStatus, parseLsfSubmit } from '../src/index.js';
import { derivedJson, recorded } from './fixtures/lsf-fixtures.js';

const result = (stdout: string, exitCode = 0, stderr = ''): CommandResult => ({ argv: ['bjobs'], exitCode, stdout, stderr, timedOut: false });
const states = (statuses: Map<string, { state: string }>) => Object.fromEntries([...statuses].map(([id, status]) => [id, status.state]));

describe('LSF submit parsing', () => {
  it('reads the recorded bsub samples and expands an array into 1-based elements', () => {
    const samples = recorded.bsubSamples.split('\n').filter((line) => line.startsWith('Job'));
    expect(samples.map((line) => parseLsfSubmit(result(`${line}\n`)))).toEqual([['2329803'], ['654321']]);
    expect(parseLsfSubmit(result('Job <9> is submitted to queue <short>.\n'), { count: 2 })).toEqual(['9[1]', '9[2]']);
    expect(() => parseLsfSubmit(result('LSF is processing your request. Please wait ...\n'))).toThrow(/is submitted/);
  });
});

describe('LSF status parsing', () => {
  it('maps every state in the recorded bjobs -w table, JOB_NAMEs with spaces included', () => {
    const ids = ['5085109', '5085585', '5085604', '5085611', '5085107', '5085607', '5085608', '5085606'];
    expect(states(parseLsfStatus(result(recorded.table), ids))).toEqual({
      '5085109': 'running',
      '5085585': 'running',
      '5085604': 'queued',
      '5085611': 'held',
      '5085107': 'failed',
      '5085607': 'unknown',
      '5085608': 'completing',
      '5085606': 'completed',
    });
  });

  it('is held when suspended by its owner or an administrator, and queued when LSF suspended it (it resumes on its own)', () => {
    expect(parseLsfStatus(result(derivedJson('80', { STAT: 'PSUSP' })), ['80']).get('80')).toMatchObject({ state: 'held' });
    expect(parseLsfStatus(result(derivedJson('81', { STAT: 'USUSP' })), ['81']).get('81')).toMatchObject({ state: 'held' });
    expect(parseLsfStatus(result(derivedJson('82', { STAT: 'SSUSP' })), ['82']).get('82')).toMatchObject({ state: 'queued', reason: expect.stringContaining('resumes on its own') });
  });

  it('skips the "LSF is processing your request" preamble', () => {
    expect(states(parseLsfStatus(result(recorded.tableWithPreamble), ['5157393', '1']))).toEqual({ '5157393': 'running' });
  });

  it('reads JSON records, array elements by JOBINDEX, and ignores ERROR records of unknown ids', () => {
    const document = JSON.parse(derivedJson('40', { STAT: 'RUN', JOBINDEX: '2' })) as { RECORDS: unknown[] };
    document.RECORDS.push({ JOBID: '41', ERROR: 'Job <41> is not found' });
    const output = JSON.stringify(document).replaceAll('/', '\\/');
    const statuses = parseLsfStatus(result(output, 255, ''), ['40[2]', '40', '41']);
    expect(states(statuses)).toEqual({ '40[2]': 'running' });
    expect(parseLsfStatus(result(recorded.json), ['22005']).get('22005')).toEqual({ state: 'completed', native: 'DONE', exitCode: 0 });
  });

  it('refuses garbage and keeps an unknown STAT as unknown', () => {
    expect(() => parseLsfStatus(result('bjobs: <<<garbled>>> {"RECORDS": ['), ['1'])).toThrow(expect.objectContaining({ code: 'JQ_PARSE_FAILED' }));
    expect(() => parseLsfStatus(result('some words\nmore words\n'), ['1'])).toThrow(/bjobs table/);
    expect(parseLsfStatus(result(derivedJson('7', { STAT: 'constructor' })), ['7']).get('7')).toEqual({ state: 'unknown', native: 'constructor' });
  });

  it('calls an unreachable mbatchd transient and an unknown job permanent', () => {
    expect(classifyLsfError(result('', 255, 'batch system daemon not responding ... still trying\n'))).toBe('transient');
    expect(classifyLsfError(result('', 255, 'Job <5>: No matching job found\n'))).toBe('permanent');
  });
});
