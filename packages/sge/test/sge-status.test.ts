import { describe, expect, it } from 'vitest';
import { JobQueueError, resolveOptions, type CommandResult } from '@jq/core';
import { sgeBackend } from '../src/index.js';
import { arrayTaskIds, output, recorded, referenceSample, scenario } from './fixtures.js';

const options = resolveOptions({ name: 'test', cores: 1, memory: '1GB' }, sgeBackend);
const parse = (result: CommandResult, ids: string[]) => sgeBackend.parseStatus(result, ids);
const states = (result: CommandResult, ids: string[]) => Object.fromEntries([...parse(result, ids)].map(([id, status]) => [id, status.state]));

describe('sge status', () => {
  it("is ONE qstat -xml whatever the ids (qstat's listing takes none), and refuses malformed ids", () => {
    expect(sgeBackend.status(['5', '6.1', '6.2'], options).argv).toEqual(['qstat', '-xml']);
    expect(sgeBackend.status(['5'], options).argv).toEqual(['qstat', '-xml']);
    expect(() => sgeBackend.status(['5', '-u root'], options)).toThrow(/not SGE job ids/);
    expect(() => sgeBackend.status(['6_1'], options)).toThrow(/not SGE job ids/);
  });

  it('reads the recorded mixed queue: running, suspended, array tasks running and pending (7,8), held, pending, error', () => {
    const ids = [scenario.single, scenario.suspended, scenario.held, scenario.big, scenario.error, ...arrayTaskIds];
    expect(states(recorded('qstat-xml-mixed'), ids)).toEqual({
      [scenario.single]: 'running',
      [scenario.suspended]: 'held',
      [scenario.held]: 'held',
      [scenario.big]: 'queued',
      [scenario.error]: 'held',
      ...Object.fromEntries(arrayTaskIds.map((id, offset) => [id, offset < 6 ? 'running' : 'queued'])),
    });
    expect(parse(recorded('qstat-xml-mixed'), [scenario.error]).get(scenario.error)).toMatchObject({ native: 'Eqw', reason: expect.stringContaining('qmod -cj') });
    expect(parse(recorded('qstat-xml-mixed'), [`${scenario.array}.8`]).get(`${scenario.array}.8`)).toEqual({ state: 'queued', native: 'qw' });
  });

  it('gives the same answer when qstat lists pending tasks one by one (-g d) or all users (-u *)', () => {
    const ids = [scenario.single, scenario.held, ...arrayTaskIds];
    const expected = states(recorded('qstat-xml-mixed'), ids);
    expect(states(recorded('qstat-xml-mixed-tasks'), ids)).toEqual(expected);
    expect(states(recorded('qstat-xml-mixed-all-users'), ids)).toEqual(expected);
  });

  it('reads the transitional states recorded with sge_execd stopped: deleting (dr), transferring (t), re-queued (Rq)', () => {
    expect(Object.fromEntries([...parse(recorded('qstat-xml-transitional'), [scenario.victim, scenario.transfer, scenario.rerun])].map(([id, status]) => [id, status.native + ' ' + status.state]))).toEqual({
      [scenario.victim]: 'dr completing',
      [scenario.transfer]: 't running',
      [scenario.rerun]: 'Rq queued',
    });
  });

  it('reads a suspended queue (Ss, Sh) as held and a held running job (hr) as running', () => {
    expect(states(recorded('qstat-xml-queue-suspended'), [scenario.suspended, scenario.transfer])).toEqual({ [scenario.suspended]: 'held', [scenario.transfer]: 'held' });
    expect(parse(recorded('qstat-xml-held-running'), [scenario.transfer]).get(scenario.transfer)).toEqual({ state: 'running', native: 'hr' });
  });

  it('agrees with plain qstat, recorded at the same moment, on every job and task', () => {
    // columns: id prior name user state date time [queue, when running] slots [tasks]
    const rows = recorded('qstat-text-mixed').stdout.split('\n').slice(2).filter(Boolean).map((line) => {
      const columns = line.trim().split(/\s+/);
      const tasks = columns[columns[7]?.includes('@') ? 9 : 8];
      return { id: columns[0]!, code: columns[4]!, tasks: tasks === undefined ? [] : tasks.split(',') };
    });
    const expected = rows.flatMap(({ id, code, tasks }) => (tasks.length === 0 ? [[id, code]] : tasks.map((task) => [`${id}.${task}`, code])));
    expect(expected).toHaveLength(13);
    const parsed = parse(recorded('qstat-xml-mixed'), expected.map(([id]) => id!));
    expect(expected.map(([id]) => [id, parsed.get(id!)?.native])).toEqual(expected);
  });

  it('leaves out ids qstat does not list: they left the queue', () => {
    expect(parse(recorded('qstat-xml-empty'), [scenario.single, `${scenario.array}.1`]).size).toBe(0);
    expect(parse(recorded('qstat-xml-mixed'), ['999999', `${scenario.array}.9`, `${scenario.single}.1`]).size).toBe(0);
  });

  it('expands stepped and comma task lists, and lists only requested tasks', () => {
    const xml = `<?xml version='1.0'?>\n<job_info>\n  <job_info>\n    <job_list state="pending">\n      <JB_job_number>9</JB_job_number>\n      <state>qw</state>\n      <tasks>1-9:4,12</tasks>\n    </job_list>\n  </job_info>\n</job_info>\n`;
    expect([...parse(output(xml), ['9.1', '9.2', '9.5', '9.9', '9.12', '9.13']).keys()]).toEqual(['9.1', '9.5', '9.9', '9.12']);
  });

  it('parses the public ge_info sample (running under queue_info, pending under job_info)', () => {
    expect(states(output(referenceSample('sge.qstat-xml.geinfo-test.xml')), ['389524', '390489', '389632'])).toEqual({ 389524: 'running', 390489: 'running', 389632: 'queued' });
  });

  it('throws instead of reporting jobs gone when qstat failed or its document is cut short', () => {
    expect(() => parse(recorded('qstat-qmaster-down'), [scenario.single])).toThrow(JobQueueError);
    expect(() => parse(recorded('qstat-qmaster-down'), [scenario.single])).toThrow(/got send error/);
    const full = recorded('qstat-xml-mixed');
    expect(() => parse({ ...full, stdout: full.stdout.slice(0, full.stdout.length / 2) }, [scenario.single])).toThrow(/no complete job list/);
    expect(parse(output(''), [scenario.single]).size).toBe(0);
  });
});

describe('sge status from documents the XML parser refuses', () => {
  it('takes a well-formed document with a __proto__ element as no complete job list (JQ_PARSE_FAILED), not a crash', () => {
    const hostile = '<job_info><queue_info><job_list><__proto__>1</__proto__><JB_job_number>5</JB_job_number><state>r</state></job_list></queue_info></job_info>';
    expect(() => sgeBackend.parseStatus(output(hostile), ['5'])).toThrow(expect.objectContaining({ code: 'JQ_PARSE_FAILED' }));
  });
});
