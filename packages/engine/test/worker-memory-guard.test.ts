import { describe, expect, it, vi } from 'vitest';
import { WorkerMemoryGuard } from '../src/worker/worker-memory-guard.js';
import type { TaskRunner } from '../src/worker/worker-task-runner.js';

/** The parts of a runner the guard drives, recorded. */
function recordingRunner(running: number): TaskRunner & { stoppedWith: Array<[number, number]> } {
  const stoppedWith: Array<[number, number]> = [];
  return {
    paused: false,
    running,
    stoppedWith,
    takeQueued: () => ['t1', 't2'],
    stopForMemory: (rss: number, limit: number) => {
      stoppedWith.push([rss, limit]);
      return running;
    },
    pump: () => undefined,
  } as unknown as TaskRunner & { stoppedWith: Array<[number, number]> };
}

describe('the worker memory guard (whole process RSS against the limit)', () => {
  it('over 95 %: stops the threads running tasks with the RSS it saw, and hands queued work back', () => {
    const runner = recordingRunner(1);
    const actions = { release: vi.fn(), log: vi.fn(), exit: vi.fn() };
    const limit = process.memoryUsage.rss() / 2;
    new WorkerMemoryGuard(limit, runner, actions).check();
    expect(runner.paused).toBe(true);
    expect(actions.release).toHaveBeenCalledWith(['t1', 't2']);
    expect(runner.stoppedWith).toHaveLength(1);
    expect(runner.stoppedWith[0]?.[0]).toBeGreaterThan(limit);
    expect(runner.stoppedWith[0]?.[1]).toBe(limit);
    expect(actions.log).toHaveBeenCalledWith(expect.stringMatching(/over 95 % of the \d+ MB limit: stopped 1 task thread/));
    expect(actions.exit).not.toHaveBeenCalled();
  });

  it('a limit too small for the worker from its start: says so once and does not restart in a loop', () => {
    const runner = recordingRunner(0);
    const actions = { release: vi.fn(), log: vi.fn(), exit: vi.fn() };
    const guard = new WorkerMemoryGuard(process.memoryUsage.rss() / 0.85, runner, actions);
    for (let sample = 0; sample < 400; sample += 1) guard.check();
    expect(runner.paused).toBe(true);
    expect(actions.exit).not.toHaveBeenCalled();
    expect(actions.log.mock.calls.filter(([line]) => /limit is too small for a worker/.test(line as string))).toHaveLength(1);
  });

  it('no limit: never pauses, never stops anything', () => {
    const runner = recordingRunner(1);
    const actions = { release: vi.fn(), log: vi.fn(), exit: vi.fn() };
    const guard = new WorkerMemoryGuard(0, runner, actions);
    for (let sample = 0; sample < 10; sample += 1) guard.check();
    expect(runner.paused).toBe(false);
    expect(runner.stoppedWith).toEqual([]);
    expect(actions.release).not.toHaveBeenCalled();
  });
});
