import { errorGuide, type ErrorAdvice } from '../content/error-guide.js';
import type { ErrorCodeFacts } from './error-codes.js';
import { code, generatedPage, inline } from './markdown.js';

/**
 * The troubleshooting page, one section per code core declares. Refuses to build when
 * the advice file misses a code or documents one that no longer exists.
 */
export function troubleshootingPage(codes: readonly ErrorCodeFacts[]): string {
  const advice: Record<string, ErrorAdvice> = errorGuide;
  const declared = new Set(codes.map((facts) => facts.code));
  const missing = [...declared].filter((name) => advice[name] === undefined);
  const stale = Object.keys(advice).filter((name) => !declared.has(name));
  if (missing.length > 0 || stale.length > 0) {
    throw new Error(
      `[jq/docs] docs/content/error-guide.ts must document exactly the codes of packages/core/src/errors.ts:` +
        `${missing.length ? ` missing ${missing.join(', ')};` : ''}${stale.length ? ` no longer declared ${stale.join(', ')};` : ''}`,
    );
  }
  const sections = codes.map((facts) => codeSection(facts, advice[facts.code]!));
  const body = [
    '# Troubleshooting',
    'Every error jobqueue throws is a `JobQueueError` with a stable `code`. Test for one with `JobQueueError.hasCode(error, \'JQ_TIMEOUT\')`: it works across two installed copies of `@jq/core`, where `instanceof` does not. ' +
      'Messages start with the package that wrote them, such as `[jq/slurm]`.',
    codes.map((facts) => `[${facts.code}](#${facts.code})`).join(' · '),
    ...sections,
  ];
  return generatedPage('Troubleshooting', 'packages/core/src/errors.ts and docs/content/error-guide.ts', body.join('\n\n'));
}

function codeSection(facts: ErrorCodeFacts, advice: ErrorAdvice): string {
  const lines = [`## ${facts.code} {#${facts.code}}`];
  if (facts.meaning) lines.push(`**Means:** ${inline(facts.meaning)}`);
  lines.push(`**Seen when:** ${inline(advice.seenWhen)}`);
  lines.push('**What to do:**', advice.whatToDo.map((step) => `- ${inline(step)}`).join('\n'));
  const classes = facts.classes.length ? `thrown as ${facts.classes.map(code).join(', ')}; ` : '';
  const places = [...facts.usedIn].map(([packageName, files]) => `${code(packageName)} (${files.join(', ')})`).join(', ');
  lines.push(`<small>In the code: ${classes}${places || 'declared only'}.</small>`);
  return lines.join('\n\n');
}
