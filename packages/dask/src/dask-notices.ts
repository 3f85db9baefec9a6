const given = new Set<string>();

/**
 * A Node warning (`process.emitWarning`, code `code`), given once per process for each
 * distinct message: a restored scheduler or a second cluster does not repeat it.
 */
export function warnOnce(code: string, message: string): void {
  if (given.has(message)) return;
  given.add(message);
  process.emitWarning(message, { code });
}
