import { quote } from 'shell-quote';

/** One argument, quoted so the shell passes it through unchanged. */
export function quoteArgument(value: string): string {
  return value === '' ? "''" : quote([value]);
}

/** A command line from argv, every word quoted. */
export function quoteCommand(argv: string[]): string {
  return argv.map(quoteArgument).join(' ');
}

const variablesOnly = /^(?:[^$`\\"!]|\$[A-Za-z_][A-Za-z0-9_]*|\$\{[A-Za-z_][A-Za-z0-9_]*\})*$/;

/**
 * Quotes `value` so that `$VAR` / `${VAR}` references expand in the job and nothing
 * else does (no `$(…)`, backticks or arithmetic). Anything else is fully quoted.
 */
export function quoteAllowingVariables(value: string): string {
  return variablesOnly.test(value) && value.includes('$') ? `"${value}"` : quoteArgument(value);
}
