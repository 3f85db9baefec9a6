/**
 * The `Arguments = "…"` value for `/bin/sh -c <body>` in HTCondor's "new" syntax: the
 * body is one argument in single quotes (`'` doubled), the whole value in double quotes
 * (`"` doubled). A `$` that condor_submit would read as a macro (`$(…)`, `$$`, `$F(…)`)
 * becomes `$(DOLLAR)`, so shell code like `$(( 1 + X ))` reaches the shell unchanged.
 */
export function htcondorArguments(shellBody: string, prefix = ''): string {
  const escaped = shellBody.replace(/\$(?=\(|\$|[A-Za-z_][A-Za-z0-9_]*\()/g, '$(DOLLAR)');
  const argument = `'${(prefix + escaped).replaceAll("'", "''")}'`;
  return `"-c ${argument.replaceAll('"', '""')}"`;
}

/**
 * The argv HTCondor gives the executable for an `Arguments` value in the new syntax,
 * with `$(DOLLAR)` expanded; other macros are left as written. The inverse of
 * {@link htcondorArguments}, for checking what a job will really run.
 */
export function parseHtcondorArguments(value: string): string[] {
  const trimmed = value.trim();
  if (!(trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2)) throw new TypeError(`[jq/htcondor] not a new-syntax Arguments value: ${trimmed.slice(0, 80)}`);
  const text = trimmed.slice(1, -1).replaceAll('""', '"');
  const words: string[] = [];
  let current: string | undefined;
  let quoted = false;
  for (let position = 0; position < text.length; position += 1) {
    const character = text.charAt(position);
    if (character === "'") {
      if (quoted && text.charAt(position + 1) === "'") {
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
  if (quoted) throw new TypeError('[jq/htcondor] unbalanced single quote in Arguments');
  if (current !== undefined) words.push(current);
  return words.map((word) => word.replaceAll('$(DOLLAR)', '$'));
}
