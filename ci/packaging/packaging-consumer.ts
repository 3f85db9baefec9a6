import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type PackageManifest, type PublishablePackage, readJson, repositoryRoot, tarballPath, unpackedPath } from './packaging-packages.js';

const run = promisify(execFile);
const templateDirectory = join(repositoryRoot, 'ci/packaging/consumer');

/** Runs a command in the consumer project; stdout and stderr both, in one string, on failure too. */
export async function runIn(directory: string, command: string, args: string[], timeout = 300_000): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: directory, timeout, maxBuffer: 64 * 1024 * 1024 });
    return { ok: true, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${failed.message}\n${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** The exact version the workspace catalog pins for a package (so the consumer tests what CI tests). */
export function catalogVersion(name: string): string {
  const workspace = readFileSync(join(repositoryRoot, 'pnpm-workspace.yaml'), 'utf8');
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const version = new RegExp(`^\\s+"?${escaped}"?:\\s*(\\S+)\\s*$`, 'm').exec(workspace)?.[1];
  if (version === undefined) throw new Error(`${name} is not in the catalog of pnpm-workspace.yaml`);
  return version;
}

/** Every subpath a package exports, from its packed manifest: `@jq/core`, `@jq/core/testing`, … */
export function entryPoints(pack: PublishablePackage): string[] {
  const packed = readJson<PackageManifest>(join(unpackedPath(pack), 'package.json'));
  const exportsMap = (packed.exports ?? {}) as Record<string, unknown>;
  return Object.keys(exportsMap)
    .filter((subpath) => subpath.startsWith('.') && !subpath.endsWith('.json'))
    .map((subpath) => (subpath === '.' ? pack.name : `${pack.name}/${subpath.slice(2)}`));
}

/** The file of the TypeScript consumer that imports every entry point of one package. */
export function importsFileName(pack: PublishablePackage): string {
  return `imports-${pack.name.replace(/^@/, '').replace('/', '-')}.ts`;
}

/**
 * A plain npm project (`npm init -y`, type module) in a temporary folder that installed
 * every tarball by path, with @types/node and vitest (the optional peer the testing
 * packages' subpaths import) at the catalog's versions. Writes the scenario files and
 * one `imports-<package>.ts` per package.
 */
export async function createConsumerProject(packs: PublishablePackage[]): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'jq-consumer-'));
  for (const [command, args] of [
    ['npm', ['init', '-y']],
    ['npm', ['pkg', 'set', 'type=module']],
    ['npm', ['install', '--no-audit', '--no-fund', ...packs.map((pack) => tarballPath(pack)), `@types/node@${catalogVersion('@types/node')}`, `vitest@${catalogVersion('vitest')}`]],
  ] as const) {
    const result = await runIn(directory, command, [...args], 600_000);
    if (!result.ok) throw new Error(`${command} ${args.join(' ')} failed in ${directory}:\n${result.output}`);
  }
  for (const file of readdirSync(templateDirectory)) copyFileSync(join(templateDirectory, file), join(directory, file));
  for (const pack of packs) {
    const entries = entryPoints(pack);
    const lines = entries.map((entry, index) => `import * as entry${index} from '${entry}';`);
    lines.push(`/** Every entry point of ${pack.name}: each must resolve to its declarations. */`);
    lines.push(`export const entries: object[] = [${entries.map((_, index) => `entry${index}`).join(', ')}];`);
    writeFileSync(join(directory, importsFileName(pack)), `${lines.join('\n')}\n`);
  }
  return directory;
}

/** One tsc diagnostic line: `file(line,col): error TS1234: message`. */
export interface Diagnostic {
  file: string;
  text: string;
}

/** Runs the workspace's tsc over the consumer with one of its tsconfig files; every diagnostic it prints. */
export async function typecheckConsumer(directory: string, tsconfig: string): Promise<Diagnostic[]> {
  const tsc = join(repositoryRoot, 'node_modules/typescript/bin/tsc');
  const result = await runIn(directory, process.execPath, [tsc, '-p', tsconfig, '--pretty', 'false']);
  const diagnostics = result.output
    .split('\n')
    .filter((line) => /error TS\d+/.test(line))
    .map((line) => ({ file: /^([^(]+)\(/.exec(line)?.[1] ?? '', text: `${tsconfig}: ${line}` }));
  if (!result.ok && diagnostics.length === 0) diagnostics.push({ file: '', text: `${tsconfig}: tsc failed without a diagnostic:\n${result.output}` });
  return diagnostics;
}
