// How the batch systems read a job script's directives: the lines starting with the
// prefix (`#PBS `, `#BSUB `), from the second line up to the first that is neither blank
// nor a comment.

/** The text after `prefix` on each directive line of `script`. */
export function directiveLines(script, prefix) {
  const lines = [];
  for (const line of script.split('\n').slice(1)) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (!trimmed.startsWith('#')) break;
    if (trimmed.startsWith(`${prefix} `)) lines.push(trimmed.slice(prefix.length + 1).trim());
  }
  return lines;
}
