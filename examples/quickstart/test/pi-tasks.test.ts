import { expect, it } from 'vitest';
import { countInside, estimatePi } from '../src/pi-tasks.js';

it('estimates π from darts in the quarter circle', () => {
  const samples = 200_000;
  const inside = countInside(samples);
  expect(inside).toBeGreaterThan(0);
  expect(inside).toBeLessThanOrEqual(samples);
  // The standard error at 200,000 darts is about 0.004; 0.05 is over 10 of them.
  expect(Math.abs(estimatePi(inside, samples) - Math.PI)).toBeLessThan(0.05);
  expect(estimatePi(3, 4)).toBe(3);
});
