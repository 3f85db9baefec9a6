import type { ConfigIssue } from '../errors.js';

const controlCharacters = /[\n\r\0]/;

/**
 * Every string anywhere in the options that holds a newline, carriage return or NUL:
 * in a directive it would start a new directive, in the script a new command.
 */
export function findUnsafeText(input: unknown, path = ''): ConfigIssue[] {
  if (typeof input === 'string') {
    return controlCharacters.test(input)
      ? [{ path, value: input, message: 'must not contain newline, carriage return or NUL characters' }]
      : [];
  }
  if (Array.isArray(input)) return input.flatMap((item, index) => findUnsafeText(item, `${path}[${index}]`));
  if (typeof input === 'object' && input !== null) {
    return Object.entries(input).flatMap(([key, value]) => findUnsafeText(value, path ? `${path}.${key}` : key));
  }
  return [];
}

const plainWord = /^[A-Za-z0-9._+@:/,=%-]+$/;

/**
 * Names that land in directives (job name, queue, account) must be plain words: no
 * spaces, quotes or shell syntax. Returns the problem, or undefined when fine.
 */
export function plainWordIssue(value: unknown): string | undefined {
  if (typeof value !== 'string' || controlCharacters.test(value)) return undefined;
  if (value.length === 0) return 'must not be empty';
  return plainWord.test(value) ? undefined : 'must be a plain word: letters, digits and . _ + @ : / , = % - only';
}
