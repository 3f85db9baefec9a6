import { quote } from 'shell-quote';

const plainWord = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument, quoted so the shell passes it through unchanged; plain words stay readable. */
export function quoteArgument(value: string): string {
  if (value === '') return "''";
  return plainWord.test(value) ? value : quote([value]);
}

/** A command line from argv, every word quoted. */
export function quoteCommand(argv: string[]): string {
  return argv.map(quoteArgument).join(' ');
}

const variableAt = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})/;

/**
 * Quotes `value` so that `$VAR` / `${VAR}` references expand in the job and nothing
 * else does: inside double quotes every other `$`, backtick, backslash and quote is
 * escaped, so `$(…)`, backticks and arithmetic stay literal text.
 */
export function quoteAllowingVariables(value: string): string {
  if (!value.includes('$')) return quoteArgument(value);
  let quoted = '';
  for (let position = 0; position < value.length; ) {
    const variable = variableAt.exec(value.slice(position))?.[0];
    if (variable) {
      quoted += variable;
      position += variable.length;
      continue;
    }
    const character = value[position] as string;
    quoted += '$`"\\'.includes(character) ? `\\${character}` : character;
    position += 1;
  }
  return `"${quoted}"`;
}
