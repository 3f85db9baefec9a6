import { describe, expect, it } from 'vitest';
import { defaultProcesses, formatWalltime, formatWalltimeMinutes, parseWalltime } from '../src/index.js';

describe('parseWalltime', () => {
  it.each([
    ['00:30:00', 1800],
    ['1-02:03:04', 93784],
    ['2-12', 216000],
    ['1-00:30', 88200],
    ['45:30', 2730],
    ['90', 5400],
    [90, 5400],
    ['100:00:00', 360000],
  ])('reads %j', (input, seconds) => {
    expect(parseWalltime(input)).toBe(seconds);
  });

  it.each(['soon', '00:61:00', '1:2:3:4', '', '0', -5, '10:75'])('refuses %j', (input) => {
    expect(parseWalltime(input)).toBeUndefined();
  });

  it('formats', () => {
    expect(formatWalltime(93784)).toBe('26:03:04');
    expect(formatWalltimeMinutes(90)).toBe('00:02');
  });
});

describe('defaultProcesses', () => {
  it.each([
    [1, 1],
    [4, 4],
    [6, 3],
    [8, 4],
    [9, 3],
    [12, 4],
    [24, 6],
    [7, 7],
  ])('cores %i → %i processes like dask-jobqueue', (cores, processes) => {
    expect(defaultProcesses(cores)).toBe(processes);
  });
});
