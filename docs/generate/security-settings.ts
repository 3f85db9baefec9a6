import { code, inline, table } from './markdown.js';
import type { SourceComments } from './source-comments.js';

/**
 * The settings the security page points at, quoted from their TSDoc when the site is
 * built: defaults such as Dask's TLS change in the code, and the page follows.
 */
const settings = [
  ['@jq/engine', 'EngineSchedulerOptions', 'host'],
  ['@jq/engine', 'EngineSchedulerOptions', 'secret'],
  ['@jq/engine', 'EngineSchedulerOptions', 'tls'],
  ['@jq/engine', 'EngineSchedulerOptions', 'httpPort'],
  ['@jq/dask', 'DaskSchedulerOptions', 'host'],
  ['@jq/dask', 'DaskSchedulerOptions', 'security'],
  ['@jq/dask', 'DaskSchedulerOptions', 'sharedTemporaryDirectory'],
] as const;

/** A table of those settings and what their documentation says now; fails when one is gone. */
export function securitySettingsTable(comments: SourceComments): string {
  const rows = settings.map(([packageName, owner, member]) => {
    const text = comments.interfaceMembers.get(`${packageName}:${owner}.${member}`);
    if (text === undefined) throw new Error(`[jq/docs] ${packageName} ${owner}.${member} has no TSDoc (or is gone): update docs/generate/security-settings.ts`);
    return [code(`${owner.replace(/Options$/, '')} { ${member} }`), code(packageName), inline(text)];
  });
  return `${table(['setting', 'package', 'what it does (from its TSDoc)'], rows)}\n`;
}
