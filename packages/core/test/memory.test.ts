import { describe, expect, it } from 'vitest';
import { formatBytes, formatBytesCeil, parseMemory } from '../src/index.js';

describe('parseMemory', () => {
  it.each([
    ['108GB', 108e9],
    ['4GiB', 4 * 2 ** 30],
    ['512 MB', 512e6],
    ['2g', 2e9],
    ['1.5 TiB', 1.5 * 2 ** 40],
    [1024, 1024],
  ])('reads %j', (input, bytes) => {
    expect(parseMemory(input)).toBe(bytes);
  });

  it.each(['lots', '', '-1GB', '10 parsecs', 0, Number.NaN, '1e9'])('refuses %j', (input) => {
    expect(parseMemory(input)).toBeUndefined();
  });
});

describe('formatBytes', () => {
  it('matches dask format_bytes', () => {
    expect(formatBytes(7e9)).toBe('6.52GiB');
    expect(formatBytes(16e9)).toBe('14.90GiB');
    expect(formatBytes(50e6)).toBe('47.68MiB');
    expect(formatBytes(512)).toBe('512B');
  });
});

describe('formatBytesCeil', () => {
  const slurm = { suffixes: ['K', 'M', 'G'] as [string, string, string] };
  it('rounds up like slurm_format_bytes_ceil', () => {
    expect(formatBytesCeil(12, slurm)).toBe('1K');
    expect(formatBytesCeil(1234, slurm)).toBe('2K');
    expect(formatBytesCeil(12345678, slurm)).toBe('12M');
    expect(formatBytesCeil(1234567890, slurm)).toBe('2G');
    expect(formatBytesCeil(28e9, slurm)).toBe('27G');
  });
});
