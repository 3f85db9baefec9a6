import { describe, expect, it } from 'vitest';
import { resolveOptions } from '@jq/core';
import { sgeBackend } from '../src/index.js';
import { output, recorded, scenario } from './fixtures.js';

const options = resolveOptions({ name: 'test', cores: 1, memory: '1GB' }, sgeBackend);

// Every recorded failure is classified by the conformance suite (fixtures/sge-fixtures.ts).
describe('sge error classification', () => {
  it('keeps the messages users need to see', () => {
    expect(recorded('qsub-unknown-queue').stderr).toContain('job requests unknown queue "nosuch.q"');
    expect(recorded('qsub-unknown-resource').stderr).toContain('unknown resource "nosuchresource"');
    expect(recorded('qsub-unknown-pe').stderr).toContain('parallel environment "nosuchpe" does not exist');
  });

  it.each([
    ['error: failed receiving gdi request response for mid=1 (got no message).', 'transient'],
    ['error: commlib error: got select error (Connection reset by peer)', 'transient'],
    ['unable to contact qmaster using port 6444 on host "head"', 'transient'],
    ['Unable to run job: Job was rejected because job requests unknown queue "x".', 'permanent'],
  ] as const)('classifies %j as %s', (stderr, kind) => {
    expect(sgeBackend.classifyError(output('', stderr, 1))).toBe(kind);
  });
});

describe('sge cancel', () => {
  it('deletes every id in ONE qdel, array tasks singly, duplicates once', () => {
    expect(sgeBackend.cancel(['5', '6.3', '6.4', '5'], options).argv).toEqual(['qdel', '5', '6.3', '6.4']);
  });

  it('recorded: one qdel deletes array tasks, held and pending jobs, and says which id it does not know (exit 1)', () => {
    const result = recorded('qdel-mixed');
    expect(result.argv).toEqual(['qdel', `${scenario.array}.7`, `${scenario.array}.8`, scenario.held, scenario.big, '999999']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(`root has deleted job-array task ${scenario.array}.7`);
    expect(result.stdout).toContain('denied: job "999999" does not exist');
    expect(sgeBackend.classifyError(result)).toBe('permanent');
  });

  it('recorded: deleting running jobs, one whole array among them, is registered and exits 0', () => {
    const result = recorded('qdel-running');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`root has registered the job ${scenario.single} for deletion`);
    expect(result.stdout).toContain(`root has registered the job-array task ${scenario.array}.6 for deletion`);
  });

  it('refuses option-looking or malformed ids', () => {
    expect(() => sgeBackend.cancel(['-u', '*'], options)).toThrow(/not SGE job ids/);
    expect(() => sgeBackend.cancel(['5 6'], options)).toThrow(/not SGE job ids/);
    expect(() => sgeBackend.cancel(['6.1-3:1'], options)).toThrow(/not SGE job ids/);
  });
});
