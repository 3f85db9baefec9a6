import { code, inline, table } from './markdown.js';

/** The part of a JSON schema (as typebox builds it) the option tables read. */
interface JsonSchema {
  type?: string;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  patternProperties?: Record<string, JsonSchema>;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  default?: unknown;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
}

/** One option as a table row describes it. */
export interface OptionRow {
  name: string;
  type: string;
  required: boolean;
  default: string | undefined;
  documentation: string;
}

/** Rows for every property of an object schema, documented by TSDoc where the source has it, else by `description`. */
export function optionRows(schema: unknown, documentation: ReadonlyMap<string, string> | undefined): OptionRow[] {
  const object = schema as JsonSchema;
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    type: typeName(property),
    required: object.required?.includes(name) ?? false,
    default: property.default === undefined ? undefined : JSON.stringify(property.default),
    documentation: documentation?.get(name) ?? property.description ?? '',
  }));
}

/** A readable type: `integer ≥ 1`, `string \| number`, `string[]`, `Record<string, string>`. */
export function typeName(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(typeName).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.type === 'array') return `${wrap(typeName(schema.items ?? {}))}[]`;
  if (schema.type === 'object' && schema.patternProperties) {
    const [value] = Object.values(schema.patternProperties);
    return `Record<string, ${typeName(value ?? {})}>`;
  }
  const bounds = [
    schema.minimum === undefined ? '' : ` ≥ ${schema.minimum}`,
    schema.exclusiveMinimum === undefined ? '' : ` > ${schema.exclusiveMinimum}`,
    schema.maximum === undefined ? '' : ` ≤ ${schema.maximum}`,
  ].join('');
  return `${schema.type ?? 'any'}${bounds}`;
}

function wrap(type: string): string {
  return type.includes(' ') ? `(${type})` : type;
}

/** The option table of a page: name, type, default, what it does. */
export function optionTable(rows: readonly OptionRow[], note: (row: OptionRow) => string = () => ''): string {
  return table(
    ['option', 'type', 'default', 'what it does'],
    rows.map((row) => [
      `${code(row.name)}${row.required ? ' (required)' : ''}`,
      code(row.type),
      row.default === undefined ? '–' : code(row.default),
      inline(`${row.documentation}${note(row)}`),
    ]),
  );
}
