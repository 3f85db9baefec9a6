// HTCondor's rules for a job's arguments, the one implementation: how condor_submit
// splits an `Arguments` value into the job's argv, and how HTCondor writes an argv back
// (the job ClassAd's `Arguments`, condor_q's CMD column). Used by the emulated
// condor_submit and condor_q and by tests that check what a description makes a job run.

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
  if (!isNewSyntax(value)) return value.split(/\s+/).filter(Boolean);
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

/**
 * An argv as HTCondor writes it in the "new" syntax without the outer double quotes (its
 * V2 raw form, `append_arg` in condor_arglist.cpp): words joined by a space, each run of
 * white space and each `'` inside a word single-quoted, a `'` doubled, an empty word `''`.
 */
export function joinCondorArguments(words) {
  let text = '';
  for (const word of words) {
    if (text !== '') text += ' ';
    if (word === '') text += "''";
    for (const character of word) {
      if (!/^[ \t\n\r']$/.test(character)) {
        text += character;
        continue;
      }
      // Extend the quoted run just closed rather than open another.
      if (text.endsWith("'")) text = text.slice(0, -1);
      else text += "'";
      text += character === "'" ? "''" : character;
      text += "'";
    }
  }
  return text;
}

/**
 * The job ClassAd attribute condor_submit records for an `Arguments` value: the new
 * syntax (or none) as `Arguments`, in its V2 raw form; the old syntax as `Args`, the
 * words joined by a space (SubmitHash::SetArguments).
 */
export function argumentsAttribute(value) {
  const words = parseCondorArguments(value);
  return value === '' || isNewSyntax(value) ? { Arguments: joinCondorArguments(words) } : { Args: words.join(' ') };
}

function isNewSyntax(value) {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"');
}
