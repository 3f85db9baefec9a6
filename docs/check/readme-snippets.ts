/**
 * The root README's code, checked like the site's: its first `bash` block (the two
 * commands a newcomer runs) becomes a partial the getting-started page includes, and
 * its first `ts` block (the library path) a file `tsc` type-checks with the examples.
 *
 *   tsx check/readme-snippets.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The first fenced block of `language` in the README; fails when there is none. */
export function readmeBlock(text: string, language: string): string {
  const match = new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'm').exec(text);
  if (match?.[1] === undefined) throw new Error(`[jq/docs] README.md has no \`\`\`${language} block`);
  return match[1];
}

function write(relative: string, text: string): void {
  const path = fileURLToPath(new URL(relative, import.meta.url));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  write('../pages/partials/readme-commands.md', `\`\`\`bash\n${readmeBlock(readme, 'bash')}\`\`\`\n`);
  // `export {}` makes the snippet a module, as a reader's file would be, so top-level await type-checks.
  write('../examples/generated/readme-library.ts', `// Extracted from README.md by check/readme-snippets.ts: edit the README, not this file.\n${readmeBlock(readme, 'ts')}export {};\n`);
}
