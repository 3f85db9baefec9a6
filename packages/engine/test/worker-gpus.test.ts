import { describe, expect, it } from 'vitest';
import { visibleDevicesFor } from '../src/worker/worker-gpus.js';

describe('CUDA_VISIBLE_DEVICES of each worker process of a GPU job', () => {
  it('splits the devices the batch system made visible, one share per process', () => {
    // Slurm sets CUDA_VISIBLE_DEVICES=0,1 for a 2-GPU job; 2 processes get one each.
    expect([0, 1].map((index) => visibleDevicesFor(index, 2, 2, '0,1'))).toEqual(['0', '1']);
    // Devices need not be 0-based: a job given GPUs 2 and 3 of its node.
    expect([0, 1].map((index) => visibleDevicesFor(index, 2, 2, '2,3'))).toEqual(['2', '3']);
    // 4 GPUs for 2 processes: two each, contiguous.
    expect([0, 1].map((index) => visibleDevicesFor(index, 2, 4, '0,1,2,3'))).toEqual(['0,1', '2,3']);
    // Uneven: 5 devices over 2 processes → 3 + 2.
    expect([0, 1].map((index) => visibleDevicesFor(index, 2, 5, '4,5,6,7,8'))).toEqual(['4,5,6', '7,8']);
    // Spaces around entries are the batch system's formatting, not device names.
    expect(visibleDevicesFor(1, 2, 2, '0, 1')).toBe('1');
    // GPU UUIDs are kept as given.
    expect(visibleDevicesFor(0, 2, 2, 'GPU-aa,GPU-bb')).toBe('GPU-aa');
  });

  it('numbers the devices 0 … gpus-1 when the batch system set nothing', () => {
    expect([0, 1, 2].map((index) => visibleDevicesFor(index, 3, 3, undefined))).toEqual(['0', '1', '2']);
    expect(visibleDevicesFor(1, 2, 4, '')).toBe('2,3');
  });

  it('shares round-robin when there are fewer devices than processes', () => {
    expect([0, 1, 2, 3].map((index) => visibleDevicesFor(index, 4, 2, '0,1'))).toEqual(['0', '1', '0', '1']);
  });

  it('leaves the variable alone for one process or a job without GPUs', () => {
    expect(visibleDevicesFor(0, 1, 2, '0,1')).toBeUndefined();
    expect(visibleDevicesFor(0, 2, undefined, '0,1')).toBeUndefined();
  });
});
