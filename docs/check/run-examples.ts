/**
 * Runs the docs examples (check/examples.ts) as a reader would, each in a fresh
 * process with a private state and config folder, within a time bound; fails on a
 * non-zero exit, a timeout or output that does not match.
 *
 *   pnpm --filter @jq/docs examples [name filter]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ExampleRun, exampleScenarios } from './examples.js';

const docsDirectory = fileURLToPath(new URL('..', import.meta.url));
const timeoutMs = 180_000;

interface Running {
  run: ExampleRun;
  output: () => string;
  exited: Promise<number | null>;
  kill: () => void;
}

function start(run: ExampleRun, home: string): Running {
  let output = '';
  // The same way `pnpm demo` runs the quickstart: tsx, workspace sources.
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@jq/source', run.file, ...(run.args ?? [])], {
    cwd: docsDirectory,
    env: { ...process.env, XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config'), DASK_CONFIG: join(home, 'dask'), JQ_CONFIG: undefined, ...run.env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => (clearTimeout(timer), resolve(code))));
  return { run, output: () => output, exited, kill: () => child.kill('SIGTERM') };
}

async function waitForOutput(running: Running, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void running.exited.then(() => (ended = true));
  while (!pattern.test(running.output())) {
    if (ended || Date.now() > deadline) throw new Error(`${running.run.file} never printed ${pattern}:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function finish(running: Running): Promise<string[]> {
  const code = await running.exited;
  const problems = code === 0 ? [] : [`${running.run.file} exited with ${code}`];
  for (const pattern of running.run.expect) if (!pattern.test(running.output())) problems.push(`${running.run.file}: output does not match ${pattern}`);
  if (problems.length > 0) problems.push(`--- output of ${running.run.file} ---\n${running.output()}`);
  return problems;
}

let failed = 0;
let passed = 0;
const only = process.argv[2];
for (const scenario of exampleScenarios.filter(({ name }) => only === undefined || name.includes(only))) {
  const reason = await scenario.notRunnable?.();
  if (reason !== undefined) {
    console.log(`- ${scenario.name}: not run (${reason})`);
    continue;
  }
  const started = performance.now();
  const home = mkdtempSync(join(tmpdir(), 'jq-docs-example-'));
  const problems: string[] = [];
  const background: Running[] = [];
  try {
    for (const run of scenario.runs) {
      const running = start(run, home);
      if (run.untilOutput === undefined) problems.push(...(await finish(running)));
      else {
        background.push(running);
        await waitForOutput(running, run.untilOutput);
      }
    }
    for (const running of background) problems.push(...(await finish(running)));
  } catch (error) {
    problems.push((error as Error).message);
    for (const running of background) running.kill();
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (problems.length === 0) {
    passed += 1;
    console.log(`✓ ${scenario.name} (${seconds} s)`);
  } else {
    failed += 1;
    console.log(`✗ ${scenario.name} (${seconds} s)\n${problems.join('\n')}`);
  }
}
console.log(`examples: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
