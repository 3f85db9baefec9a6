// The consumer's task module: workers import it by URL.

/** The square of a number. */
export function square(value) {
  return value * value;
}
