/**
 * The `Arguments = "…"` value for `/bin/sh -c <body>` in HTCondor's "new" syntax: the
 * body is one argument in single quotes (`'` doubled), the whole value in double quotes
 * (`"` doubled). A `$` that condor_submit would read as a macro (`$(…)`, `$$`, `$F(…)`)
 * becomes `$(DOLLAR)`, so shell code like `$(( 1 + X ))` reaches the shell unchanged.
 * (`parseCondorArguments` of `@jq/testkit`, which its emulated condor_submit runs, reads
 * the value back: the tests check with it what a job will really run.)
 */
export function htcondorArguments(shellBody: string, prefix = ''): string {
  const escaped = shellBody.replace(/\$(?=\(|\$|[A-Za-z_][A-Za-z0-9_]*\()/g, '$(DOLLAR)');
  const argument = `'${(prefix + escaped).replaceAll("'", "''")}'`;
  return `"-c ${argument.replaceAll('"', '""')}"`;
}
