import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder (docs/ is one level below it). */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** VitePress's source folder: hand-written pages and the generated ones beside them. */
export const pagesDirectory = fileURLToPath(new URL('../pages/', import.meta.url));

/** A workspace package under packages/. */
export interface WorkspacePackage {
  /** Folder name under packages/ (`slurm`). */
  folder: string;
  /** npm name from its package.json (`@jq/slurm`). */
  name: string;
  /** Absolute path of the package folder. */
  directory: string;
  /** Absolute path of its main TypeScript entry. */
  entry: string;
}

/** Every package under packages/ that has a `src/index.ts`, by folder name. */
export function workspacePackages(): WorkspacePackage[] {
  const root = join(repositoryRoot, 'packages');
  return readdirSync(root)
    .sort()
    .map((folder) => ({ folder, directory: join(root, folder) }))
    .filter(({ directory }) => isFile(join(directory, 'package.json')) && isFile(join(directory, 'src', 'index.ts')))
    .map(({ folder, directory }) => ({
      folder,
      directory,
      name: (JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name: string }).name,
      entry: join(directory, 'src', 'index.ts'),
    }));
}

/** Every file below `directory` (recursively) whose name passes `keep`. Missing folders give none. */
export function filesBelow(directory: string, keep: (name: string) => boolean = () => true): string[] {
  if (!isDirectory(directory)) return [];
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((relative) => join(directory, relative))
    .filter((path) => isFile(path) && keep(path));
}

/** True when `path` is a regular file. */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `path` relative to the repository root, with forward slashes. */
export function repositoryPath(path: string): string {
  return path.startsWith(repositoryRoot) ? path.slice(repositoryRoot.length) : path;
}
