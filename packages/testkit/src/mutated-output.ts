import fc from 'fast-check';

/**
 * A recorded batch-system output after random cuts, deletions, insertions (of
 * `fragment`s) and line duplications or drops: what a parser meets when a command is
 * killed mid-write, a site patches its tool, or a line wraps. For fast-check fuzzing.
 */
export function mutatedOutput(texts: string[], fragment: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fragment }),
    fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('drop-line' as const), at: fc.nat() }),
  );
  return fc.tuple(fc.constantFrom(...texts), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([text, edits]) =>
    edits.reduce((current, change) => {
      const at = current.length === 0 ? 0 : change.at % (current.length + 1);
      const lines = current.split('\n');
      const line = change.at % lines.length;
      switch (change.kind) {
        case 'cut':
          return current.slice(0, at);
        case 'delete':
          return current.slice(0, at) + current.slice(at + change.length);
        case 'insert':
          return current.slice(0, at) + change.text + current.slice(at);
        case 'duplicate-line':
          return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
        case 'drop-line':
          return [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
      }
    }, text),
  );
}
