import { describe, expect, it } from 'vitest';
import { formatBytes, formatClock, formatCount, formatDuration, formatMemory, formatRate, noValue } from '../src/app/dashboard-format.js';
import { sortRows } from '../src/app/dashboard-sort.js';
import { jobRuntime, jobTimeQueued, jobWalltimeLeft, workerLifetimeLeft } from '../src/app/dashboard-times.js';
import { makeJob, makeWorker } from './support/dashboard-data.js';

const now = 1_800_000_000_000;

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [0.9, '0s'],
    [45, '45s'],
    [60, '1m 00s'],
    [725, '12m 05s'],
    [3_600, '1h 00m'],
    [11_040, '3h 04m'],
    [86_399, '23h 59m'],
    [183_600, '2d 03h'],
    [-5, '0s'],
  ])('%s seconds reads %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('shows a dash for no value', () => {
    expect(formatDuration(undefined)).toBe(noValue);
    expect(formatDuration(Number.NaN)).toBe(noValue);
  });
});

describe('formatBytes and formatMemory', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1_536, '1.5 KiB'],
    [10 * 1024 ** 2, '10 MiB'],
    [1.5 * 1024 ** 3, '1.5 GiB'],
    [4 * 1024 ** 4, '4.0 TiB'],
  ])('%s bytes reads %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('shows use against the limit, or only the limit when use is unknown', () => {
    expect(formatMemory(1024 ** 3, 4 * 1024 ** 3)).toBe('1.0 GiB of 4.0 GiB (25%)');
    expect(formatMemory(undefined, 4 * 1024 ** 3)).toBe(`${noValue} of 4.0 GiB`);
    expect(formatMemory(1024, 0)).toBe('1.0 KiB');
    expect(formatBytes(-1)).toBe(noValue);
  });
});

describe('counts, rates and clocks', () => {
  it('formats them for reading', () => {
    expect(formatCount(12_345)).toBe('12,345');
    expect(formatRate(0.44)).toBe('0.4/s');
    expect(formatRate(12.6)).toBe('13/s');
    expect(formatRate(undefined)).toBe(noValue);
    const local = new Date(2026, 0, 2, 3, 4, 5).getTime();
    expect(formatClock(local)).toBe('03:04:05');
  });
});

describe('job and worker times', () => {
  it('counts the time queued until the start, the end, or now', () => {
    const queued = makeJob(0, now, 'queued');
    expect(jobTimeQueued(queued, now)).toBe(3_600);
    expect(jobRuntime(queued, now)).toBeUndefined();
    const running = makeJob(0, now, 'running');
    expect(jobTimeQueued(running, now)).toBe(120);
    const cancelledWhileQueued = { ...queued, state: 'cancelled' as const, endedAt: queued.submittedAt + 30_000 };
    expect(jobTimeQueued(cancelledWhileQueued, now)).toBe(30);
  });

  it('counts the walltime left while the job holds its allocation only', () => {
    const running = makeJob(0, now, 'running');
    expect(jobRuntime(running, now)).toBe(3_480);
    expect(jobWalltimeLeft(running, now)).toBe(7_200 - 3_480);
    expect(jobWalltimeLeft({ ...running, state: 'completing' }, now)).toBe(7_200 - 3_480);
    expect(jobWalltimeLeft(running, now + 10_000_000)).toBe(0);
    expect(jobWalltimeLeft(makeJob(0, now, 'completed'), now)).toBeUndefined();
    expect(jobWalltimeLeft(makeJob(0, now, 'queued'), now)).toBeUndefined();
    const { walltime: _walltime, ...unlimited } = running;
    expect(jobWalltimeLeft(unlimited, now)).toBeUndefined();
    expect(formatDuration(jobWalltimeLeft(running, now))).toBe('1h 02m');
  });

  it('runs a worker lifetime down from the server clock to the page clock', () => {
    const worker = makeWorker(0, now);
    expect(workerLifetimeLeft(worker, now, now + 10_000)).toBe(2_990);
    expect(workerLifetimeLeft(worker, now, now + 9_000_000)).toBe(0);
    const { lifetimeLeft: _lifetime, ...unlimited } = worker;
    expect(workerLifetimeLeft(unlimited, now, now)).toBeUndefined();
  });
});

describe('sortRows', () => {
  const rows = [
    { key: 'c-10', value: 3 as number | undefined },
    { key: 'c-2', value: undefined },
    { key: 'c-1', value: 3 },
    { key: 'c-3', value: 1 },
  ];

  it('sorts numbers either way, ties by key in natural order, no value last', () => {
    const keys = (direction: 'ascending' | 'descending') =>
      sortRows(
        rows,
        (row) => row.value,
        direction,
        (row) => row.key,
      ).map((row) => row.key);
    expect(keys('ascending')).toEqual(['c-3', 'c-1', 'c-10', 'c-2']);
    expect(keys('descending')).toEqual(['c-1', 'c-10', 'c-3', 'c-2']);
  });

  it('sorts text naturally', () => {
    expect(
      sortRows(
        rows,
        (row) => row.key,
        'ascending',
        (row) => row.key,
      ).map((row) => row.key),
    ).toEqual(['c-1', 'c-2', 'c-3', 'c-10']);
  });
});
