// How condor_submit splits an `Arguments` value into the job's argv: the one
// implementation, used by the emulated condor_submit and by @jq/htcondor's tests
// (which check that a rendered description runs the body it was given).

/** A refused description: message for stderr; condor_submit exits 1. */
export class SubmitDescriptionError extends Error {}

/**
 * The argv of an `Arguments` value, macros already expanded. The "new" syntax is the
 * whole value in double quotes (`""` is a `"`), words split at white space outside
 * single quotes (`''` is a `'` inside them); anything else is the old syntax, split
 * at white space.
 */
export function parseCondorArguments(value) {
  if (value === '') return [];
  if (!(value.startsWith('"') && value.endsWith('"') && value.length >= 2)) return value.split(/\s+/).filter(Boolean);
  const text = value.slice(1, -1).replaceAll('""', '"');
  const words = [];
  let current;
  let quoted = false;
  for (let position = 0; position < text.length; position += 1) {
    const character = text[position];
    if (character === "'") {
      if (quoted && text[position + 1] === "'") {
        current += "'";
        position += 1;
      } else {
        quoted = !quoted;
        current ??= '';
      }
    } else if (!quoted && /\s/.test(character)) {
      if (current !== undefined) words.push(current);
      current = undefined;
    } else {
      current = (current ?? '') + character;
    }
  }
  if (quoted) throw new SubmitDescriptionError(`ERROR: Found unbalanced single-quote in arguments: ${value}`);
  if (current !== undefined) words.push(current);
  return words;
}
