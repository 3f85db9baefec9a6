// The typed twin of tasks.mjs, for the TypeScript consumer: client.module<typeof import('./tasks.js')>.

/** The square of a number. */
export function square(value: number): number {
  return value * value;
}
