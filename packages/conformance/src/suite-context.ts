import { type AnyBackend, type CommandResult, type ResolvedOptions, resolveOptions } from '@jq/core';
import type { OutputFixture } from './suite-types.js';

/** Options as a cluster would hand them to the backend: validated, then the backend's own resolution. */
export function resolveForBackend(backend: AnyBackend, input: Record<string, unknown>): ResolvedOptions {
  return resolveOptions({ name: 'conformance', scriptDirectory: '/tmp/jq-conformance', ...input }, backend);
}

/** A CommandResult from a fixture. */
export function resultOf(argv: string[], fixture: OutputFixture): CommandResult {
  return { argv, exitCode: fixture.exitCode ?? 0, stdout: fixture.stdout, stderr: fixture.stderr ?? '', timedOut: false };
}
