/**
 * The quickstart's task module. Workers import it by URL, and the client types its
 * calls from it: `client.module<typeof import('./pi-tasks.js')>(url)`.
 */

/** Throws `samples` random darts at the unit square; returns how many land inside the quarter circle. */
export function countInside(samples: number): number {
  let inside = 0;
  for (let index = 0; index < samples; index += 1) {
    const x = Math.random();
    const y = Math.random();
    if (x * x + y * y <= 1) inside += 1;
  }
  return inside;
}

/** π from darts inside the quarter circle out of all darts thrown. */
export function estimatePi(inside: number, samples: number): number {
  return (4 * inside) / samples;
}
