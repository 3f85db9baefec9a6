import type { Command, CommandResult } from '@jq/core';
import { JobQueueError } from '@jq/core';
import { RecordingCommandRunner } from '@jq/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { localBackend } from '../src/index.js';
import { createLocalCluster, eventually } from './support/local-cluster.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

const result = (command: Command, fields: Partial<CommandResult>): CommandResult => ({
  argv: command.argv,
  exitCode: 0,
  stdout: '',
  stderr: '',
  timedOut: false,
  ...fields,
});

/** Answers the launcher's subcommands with recorded outputs, as if every job kept running. */
function emulatedLauncher(runner: RecordingCommandRunner, submitFailures: Array<Partial<CommandResult>> = []) {
  let nextId = 40_000;
  runner.respond((command) => {
    const subcommand = command.argv[2];
    if (subcommand === 'submit') {
      const failure = submitFailures.shift();
      return result(command, failure ?? { stdout: `${nextId++}\n` });
    }
    if (subcommand === 'status') {
      const ids = command.argv.slice(4);
      return result(command, { stdout: ids.map((id) => `${JSON.stringify({ id, state: 'running' })}\n`).join('') });
    }
    if (subcommand === 'cancel') return result(command, {});
    return undefined;
  });
}

describe('JobQueueCluster commands', () => {
  it('runs exactly one status command per poll for 50 live jobs', async () => {
    const runner = new RecordingCommandRunner();
    emulatedLauncher(runner);
    const context = createLocalCluster({ runner });
    cleanups.push(context.cleanup);
    await context.cluster.scale({ jobs: 50 });
    expect(runner.callsWith('submit')).toHaveLength(50);
    for (let poll = 0; poll < 3; poll += 1) await context.cluster.poll();
    const statusCalls = runner.callsWith('status');
    expect(statusCalls).toHaveLength(3);
    for (const call of statusCalls) expect(call.argv.slice(4)).toHaveLength(50);
    expect(context.cluster.jobs().every((job) => job.state === 'running')).toBe(true);
  });

  it('polls by itself, backing off while nothing changes', async () => {
    const runner = new RecordingCommandRunner();
    emulatedLauncher(runner);
    const context = createLocalCluster({ runner, options: { pollInterval: 1, maxPollInterval: 8 } });
    cleanups.push(context.cleanup);
    await context.cluster.scale({ jobs: 2 });
    const pollsAfter = async (milliseconds: number) => {
      const before = runner.callsWith('status').length;
      await context.clock.advance(milliseconds);
      return runner.callsWith('status').length - before;
    };
    expect(await pollsAfter(1000)).toBe(1);
    expect(await pollsAfter(20_000)).toBeLessThan(8);
    expect(await pollsAfter(40_000)).toBe(5);
  });

  it('retries a transient submit failure with backoff', async () => {
    const runner = new RecordingCommandRunner();
    emulatedLauncher(runner, [{ exitCode: 1, stderr: 'Socket timed out on send/recv operation' }]);
    const backend = { ...localBackend, classifyError: (failed: CommandResult) => (/timed out/.test(failed.stderr) ? 'transient' as const : 'permanent' as const) };
    const context = createLocalCluster({ runner, backend });
    cleanups.push(context.cleanup);
    const scaled = context.cluster.scale({ jobs: 1 });
    await eventually(() => expect(runner.callsWith('submit')).toHaveLength(1));
    await context.clock.advance(1000);
    await scaled;
    expect(runner.callsWith('submit')).toHaveLength(2);
    expect(context.cluster.jobs()).toHaveLength(1);
  });

  it('surfaces a permanent submit failure once, with stderr, and does not loop', async () => {
    const runner = new RecordingCommandRunner();
    emulatedLauncher(runner, [{ exitCode: 1, stderr: 'sbatch: error: invalid partition specified: nope' }]);
    const context = createLocalCluster({ runner });
    cleanups.push(context.cleanup);
    const errors: JobQueueError[] = [];
    context.cluster.on('error', (error) => errors.push(error));
    const failure = await context.cluster.scale({ jobs: 1 }).catch((error: unknown) => error);
    expect(JobQueueError.hasCode(failure, 'JQ_SUBMIT_FAILED')).toBe(true);
    expect((failure as Error).message).toMatch(/\[jq\/local\] could not submit test-0: .*exited with 1: sbatch: error: invalid partition specified: nope/);
    await context.clock.advance(120_000);
    await context.cluster.settled();
    expect(runner.callsWith('submit')).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(context.cluster.jobs()).toEqual([]);
  });

  it('reports a failed cancel only when the job is still alive afterwards', async () => {
    const runner = new RecordingCommandRunner();
    const ended = new Set<string>();
    runner.respond((command) => {
      if (command.argv[2] === 'cancel') return result(command, { exitCode: 1, stderr: 'qdel: Unknown Job Id 40000' });
      if (command.argv[2] !== 'status') return undefined;
      const lines = command.argv.slice(4).filter((id) => !ended.has(id)).map((id) => `${JSON.stringify({ id, state: 'running' })}\n`);
      return result(command, { stdout: lines.join('') });
    });
    emulatedLauncher(runner);
    const context = createLocalCluster({ runner });
    cleanups.push(context.cleanup);
    const errors: string[] = [];
    context.cluster.on('error', (error) => errors.push(error.message));
    await context.cluster.scale({ jobs: 2 });
    const second = context.cluster.jobs()[1]!;
    ended.add(second.id);
    await context.cluster.scale({ jobs: 1 });
    expect(errors).toEqual([]);
    expect(context.cluster.jobs().find((job) => job.id === second.id)?.state).toBe('cancelled');
    await context.cluster.scale({ jobs: 0 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Unknown Job Id/);
  });

  it('shares one command budget between submit, status and cancel when maxCommandsPerSecond is set', async () => {
    const runner = new RecordingCommandRunner();
    const ranAt: number[] = [];
    runner.respond(() => {
      ranAt.push(context.clock.now());
      return undefined;
    });
    emulatedLauncher(runner);
    const context = createLocalCluster({ runner, options: { maxCommandsPerSecond: 1 } });
    cleanups.push(context.cleanup);
    let settled = false;
    const work = context.cluster.scale({ jobs: 3 }).then(() => context.cluster.poll()).then(() => (settled = true));
    await eventually(async () => {
      await context.clock.advance(100);
      expect(settled).toBe(true);
    });
    await work;
    let closed = false;
    const closing = context.cluster.close().then(() => (closed = true));
    await eventually(async () => {
      await context.clock.advance(100);
      expect(closed).toBe(true);
    });
    await closing;
    const kinds = runner.calls.map((call) => call.argv[2]);
    expect(kinds.filter((kind) => kind === 'submit')).toHaveLength(3);
    expect(kinds.filter((kind) => kind === 'status').length).toBeGreaterThanOrEqual(1);
    expect(kinds.at(-2)).toBe('cancel');
    const gaps = ranAt.slice(1).map((at, index) => at - ranAt[index]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
  });

  it('keeps job states when the status command hangs or fails', async () => {
    const runner = new RecordingCommandRunner();
    let statusBroken = false;
    runner.respond((command) => (statusBroken && command.argv[2] === 'status' ? result(command, { exitCode: undefined, timedOut: true }) : undefined));
    emulatedLauncher(runner);
    const context = createLocalCluster({ runner, options: { lostGracePeriod: 1 } });
    cleanups.push(context.cleanup);
    const errors: string[] = [];
    context.cluster.on('error', (error) => errors.push(error.message));
    await context.cluster.scale({ jobs: 2 });
    await context.cluster.poll();
    statusBroken = true;
    await context.clock.advance(60_000);
    await context.cluster.poll();
    expect(context.cluster.jobs().map((job) => job.state)).toEqual(['running', 'running']);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/timed out .*job states kept/);
  });
});
