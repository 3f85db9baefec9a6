import { JobQueueError, type TaskSpec } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { TaskOutcomeCounts } from '../src/scheduler/scheduler-dashboard.js';

const spec = (source: string, args: unknown[] = []): TaskSpec => ({ taskId: 't', kind: 'function', source, args });

describe('the task outcome counts the dashboard reads', () => {
  it('counts per function by name, module tasks as file.export, and anonymous functions by a digest of their source, never the source', () => {
    const counts = new TaskOutcomeCounts();
    const anonymous = '(x) => x * SECRET_CONSTANT';
    counts.finished(spec('function simulate(x) { return x; }'), undefined);
    counts.finished(spec('function simulate(x) { return x; }'), new Error('negative temperature'));
    counts.finished(spec(anonymous, ['TASK-ARGUMENT']), undefined);
    counts.finished({ taskId: 't', kind: 'module', module: 'file:///work/tasks.ts', export: 'reduce', args: [] }, undefined);
    const byName = Object.fromEntries(counts.all().map((entry) => [entry.name, [entry.done, entry.failed]]));
    expect(byName).toMatchObject({ simulate: [1, 1], 'tasks.reduce': [1, 0] });
    const anonymousName = Object.keys(byName).find((name) => name.startsWith('anonymous '));
    expect(anonymousName).toMatch(/^anonymous [0-9a-f]{8}$/);
    expect(JSON.stringify(counts.all())).not.toMatch(/SECRET_CONSTANT|TASK-ARGUMENT/);
    expect([counts.done, counts.failed]).toEqual([3, 1]);
    expect(counts.failures).toEqual([{ time: expect.any(Number), function: 'simulate', error: 'negative temperature' }]);
  });

  it('keeps cancelled and closed tasks out of the failures, and only the last 100 failures', () => {
    const counts = new TaskOutcomeCounts();
    counts.finished(spec('function a() {}'), new JobQueueError('JQ_CANCELLED', 'cancelled'));
    counts.finished(spec('function a() {}'), new JobQueueError('JQ_CLUSTER_CLOSED', 'closed'));
    expect([counts.failed, counts.cancelled, counts.failures.length]).toEqual([0, 2, 0]);
    for (let index = 0; index < 150; index += 1) counts.finished(spec('function a() {}'), new Error(`failure ${index}`));
    expect(counts.failures).toHaveLength(100);
    expect(counts.failures[0]?.error).toBe('failure 50');
  });
});
