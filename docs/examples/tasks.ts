/** Task module of the docs examples: workers import it by URL; the client types its calls from it. */

/** The square of `value`. */
export function square(value: number): number {
  return value * value;
}
