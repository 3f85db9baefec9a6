import { execa } from 'execa';
import { DaskError } from './dask-errors.js';

/** A Python interpreter that can import `distributed`. */
export interface DaskPython {
  /** Executable as given (path or name looked up on PATH). */
  python: string;
  /** `distributed.__version__`. */
  version: string;
  /** The scheduler's default HTTP route modules, to which the API module is added. */
  routes: string[];
}

/** Tried in order when no `python` option is given; Debian's dask lives under /usr/bin/python3. */
export const defaultPythonCandidates = ['/usr/bin/python3', 'python3', 'python'];

const probeScript = [
  'import json, dask, distributed',
  'routes = list(dask.config.get("distributed.scheduler.http.routes"))',
  'print(json.dumps({"version": distributed.__version__, "routes": routes}))',
].join('\n');

/**
 * The first Python of `candidates` that imports `distributed`. With one explicit
 * candidate its own failure is reported; otherwise every attempt is listed.
 */
export async function findDaskPython(candidates: string[], timeoutMilliseconds = 30_000): Promise<DaskPython> {
  const failures: { python: string; outcome: ProbeFailure }[] = [];
  for (const python of candidates) {
    const outcome = await probe(python, timeoutMilliseconds);
    if (outcome.kind === 'ok') return outcome.python;
    failures.push({ python, outcome });
  }
  const importable = failures.filter((failure) => failure.outcome.kind === 'import-failed');
  if (importable.length === 0) {
    const tried = failures.map((failure) => `${failure.python} (${failure.outcome.detail})`).join(', ');
    throw new DaskError('python-not-found', `no Python interpreter could be run; tried ${tried}. Set the \`python\` option.`);
  }
  const first = importable[0]!;
  const tried = failures.map((failure) => failure.python).join(', ');
  throw new DaskError(
    'distributed-missing',
    `no Python could import distributed (tried ${tried}). Install Dask for it ` +
      '(Debian: apt-get install python3-distributed; elsewhere: pip install distributed) or set the `python` option. ' +
      `${first.python} said:`,
    { stderr: first.outcome.detail },
  );
}

// --- Internal helpers ---

type ProbeFailure = { kind: 'not-runnable'; detail: string } | { kind: 'import-failed'; detail: string };
type ProbeOutcome = { kind: 'ok'; python: DaskPython } | ProbeFailure;

async function probe(python: string, timeoutMilliseconds: number): Promise<ProbeOutcome> {
  const result = await execa(python, ['-c', probeScript], { reject: false, timeout: timeoutMilliseconds, stdin: 'ignore' });
  if (result.exitCode === undefined && !result.timedOut) return { kind: 'not-runnable', detail: spawnFailure(result) };
  if (result.failed) return { kind: 'import-failed', detail: result.stderr || result.shortMessage || 'failed' };
  try {
    const parsed = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as { version?: unknown; routes?: unknown };
    if (typeof parsed.version !== 'string' || !isStringList(parsed.routes)) throw new Error('unexpected fields');
    return { kind: 'ok', python: { python, version: parsed.version, routes: parsed.routes } };
  } catch {
    return { kind: 'import-failed', detail: `unexpected probe output: ${result.stdout.slice(0, 200)}` };
  }
}

/** `ENOENT: no such file`, not execa's message, which repeats the whole probe script. */
function spawnFailure(result: { cause?: unknown; shortMessage?: string | undefined }): string {
  const cause = result.cause as { code?: unknown } | undefined;
  if (cause?.code === 'ENOENT') return 'ENOENT: not found';
  if (cause?.code === 'EACCES') return 'EACCES: not executable';
  return typeof cause?.code === 'string' ? cause.code : (result.shortMessage?.split('\n')[0] ?? 'could not start');
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
