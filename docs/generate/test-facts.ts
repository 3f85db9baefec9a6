import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { filesBelow, isFile, repositoryPath, repositoryRoot, type WorkspacePackage } from './repository.js';

/** How a backend package is tested, read from the repository's files (not written by hand, so it cannot drift). */
export interface TestFacts {
  /** CI suites (`ci/suites/*.sh`) that run the package's `test:integration` against a real system, with their own description. */
  realSuites: { path: string; description: string; testFiles: string[] }[];
  /** Emulators of `@jq/testkit` the package's tests start (`createPbsEmulator`), with the files that do. */
  emulators: { emulator: string; files: string[] }[];
  /** Test files that run the backend conformance suite. */
  conformanceFiles: string[];
  /** Number of recorded command outputs under `test/fixtures`. */
  fixtureCount: number;
  /** The script that records those outputs from a real system, when there is one (`ci/slurm/record-fixtures.sh`). */
  recorder: string | undefined;
}

/** Reads the facts for the package that holds backend `backendName`. */
export function testFacts(workspacePackage: WorkspacePackage, backendName: string): TestFacts {
  const testFiles = filesBelow(join(workspacePackage.directory, 'test'), (path) => path.endsWith('.ts'));
  const emulators = new Map<string, string[]>();
  for (const file of testFiles) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\b(create[A-Z][A-Za-z]*Emulator)\(/g)) {
      const emulator = match[1]!;
      emulators.set(emulator, [...new Set([...(emulators.get(emulator) ?? []), repositoryPath(file)])]);
    }
  }
  const recorder = join(repositoryRoot, 'ci', backendName, 'record-fixtures.sh');
  return {
    realSuites: realSuites(workspacePackage),
    emulators: [...emulators].map(([emulator, files]) => ({ emulator, files })),
    conformanceFiles: testFiles.filter((file) => readFileSync(file, 'utf8').includes('backendConformanceSuite(')).map(repositoryPath),
    fixtureCount: filesBelow(join(workspacePackage.directory, 'test', 'fixtures')).length,
    recorder: isFile(recorder) ? repositoryPath(recorder) : undefined,
  };
}

function realSuites(workspacePackage: WorkspacePackage): TestFacts['realSuites'] {
  const integrationFiles = filesBelow(join(workspacePackage.directory, 'test-integration'), (path) => path.endsWith('.test.ts')).map((path) => basename(path));
  return filesBelow(join(repositoryRoot, 'ci', 'suites'), (path) => path.endsWith('.sh'))
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }))
    .filter(({ text }) => text.includes(`--filter ${workspacePackage.name} test:integration`))
    .map(({ path, text }) => ({ path: repositoryPath(path), description: headerComment(text), testFiles: integrationFiles }));
}

/** The comment block under a script's shebang, as one paragraph. */
function headerComment(script: string): string {
  const lines = script.split('\n').slice(1);
  const comment = lines.slice(0, lines.findIndex((line) => !line.startsWith('#')));
  return comment.map((line) => line.replace(/^#\s?/, '')).join(' ').trim();
}
