import { type Command, InvalidArgumentError, Option } from 'commander';

/** The JSON-schema shape of one option property, as typebox writes it. */
interface PropertySchema {
  type?: string;
  anyOf?: Array<{ type?: string }>;
  items?: { type?: string };
  description?: string;
  default?: unknown;
}

/** `jobScriptPrologue` → `job-script-prologue`. */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * Declares every option of `schema` (core's and the backend's) on `command` as a
 * `--kebab-case` flag of its type: numbers are parsed (a non-number is kept as given,
 * so validation names it), lists and `--env KEY=VALUE` repeat. Returns the option names.
 */
export function addSchemaOptions(command: Command, properties: Record<string, PropertySchema>, skip: readonly string[] = []): string[] {
  const names = Object.keys(properties).filter((name) => !skip.includes(name));
  for (const name of names) command.addOption(schemaOption(name, properties[name]!));
  return names;
}

function schemaOption(name: string, schema: PropertySchema): Option {
  const flag = `--${kebabCase(name)}`;
  const described = (text: string) => [schema.description ?? '', text, schema.default === undefined ? '' : `default ${JSON.stringify(schema.default)}`].filter(Boolean).join('; ');
  switch (schema.type) {
    case 'boolean':
      return new Option(flag, described('flag'));
    case 'integer':
    case 'number':
      return new Option(`${flag} <${schema.type}>`, described(schema.type)).argParser(numberOrText);
    case 'array':
      return new Option(`${flag} <line>`, described('repeat for several')).argParser(collect);
    case 'object':
      return new Option(`${flag} <KEY=VALUE>`, described('repeat for several')).argParser((text, previous: Record<string, string> | undefined) => keyValue(flag, text, previous));
    default:
      return new Option(`${flag} <value>`, described(schema.anyOf ? 'text or number' : 'text'));
  }
}

/** `"4"` → 4; anything else stays text, for validation to report with the expectation. */
function numberOrText(text: string): number | string {
  return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
}

function collect(text: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), text];
}

function keyValue(flag: string, text: string, previous: Record<string, string> | undefined): Record<string, string> {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new InvalidArgumentError(`expected KEY=VALUE, e.g. ${flag} OMP_NUM_THREADS=1`);
  return { ...previous, [text.slice(0, equals)]: text.slice(equals + 1) };
}

/** The schema options the user gave, keyed by their option name. */
export function pickOptions(given: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => given[name] !== undefined).map((name) => [name, given[name]]));
}
