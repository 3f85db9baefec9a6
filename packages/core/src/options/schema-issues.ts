import type { TObject, TSchema } from 'typebox';
import Value from 'typebox/value';
import type { ConfigIssue } from '../errors.js';
import { suggestOption } from './option-names.js';

/** Every schema violation of `input`, one issue per option path, in plain words. */
export function schemaIssues(schema: TSchema, input: unknown): ConfigIssue[] {
  const byPath = new Map<string, { messages: string[]; alternatives: boolean }>();
  const add = (path: string, message: string, alternatives = false) => {
    const entry = byPath.get(path) ?? { messages: [], alternatives: false };
    if (!entry.messages.includes(message)) entry.messages.push(message);
    entry.alternatives ||= alternatives;
    byPath.set(path, entry);
  };
  for (const error of Value.Errors(schema, input)) {
    const path = toOptionPath(error.instancePath);
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'boolean') continue;
    if (error.keyword === 'anyOf') {
      add(path, '', true);
    } else if (error.keyword === 'additionalProperties') {
      const known = path === '' ? Object.keys((schema as TObject).properties ?? {}) : [];
      for (const name of (params.additionalProperties as string[] | undefined) ?? []) {
        const suggestion = suggestOption(name, known);
        add(joinPath(path, name), `is not a known option${suggestion ? `; did you mean ${suggestion}?` : ''}`);
      }
    } else if (error.keyword === 'required') {
      for (const name of (params.requiredProperties as string[] | undefined) ?? []) {
        add(joinPath(path, name), 'is required');
      }
    } else {
      add(path, error.message);
    }
  }
  return [...byPath].map(([path, entry]) => ({
    path,
    value: valueAt(input, path),
    message: entry.messages.filter(Boolean).join(entry.alternatives ? ' or ' : '; '),
  }));
}

function toOptionPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : joinPath(path, part)), '');
}

function joinPath(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function valueAt(input: unknown, path: string): unknown {
  let current: unknown = input;
  for (const part of path.split(/\.|\[(\d+)\]/).filter(Boolean)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
