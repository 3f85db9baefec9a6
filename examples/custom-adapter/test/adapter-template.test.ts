// The adapter template (README.md of this example) held against every backend package of
// the workspace and this example: the same exports, file layout, README, conformance test
// of at most 12 lines, type-level test, and no file over 250 lines.
import { describe, expect, it } from 'vitest';
import { type BackendPackage, backendPackageDirectories, capitalized, fileText, filesUnder, readBackendPackage } from './support/backend-packages.js';

const directories = backendPackageDirectories();
const packages: BackendPackage[] = await Promise.all(directories.map(readBackendPackage));
const required = ['backend', 'options', 'cluster', 'render', 'submit', 'status', 'states', 'errors', 'cancel'];

describe('the adapter template', () => {
  it('finds every backend package of the workspace, and this example', () => {
    const names = packages.map((found) => found.name);
    expect(names).toEqual(expect.arrayContaining(['@jq/slurm', '@jq/pbs', '@jq/sge', '@jq/lsf', '@jq/moab', '@jq/htcondor', '@jq/local', 'jq-adapter-oar']));
    for (const found of packages) expect(found.backends.length, `${found.name} exports no backend`).toBeGreaterThan(0);
  });

  describe.each(packages.map((found) => [found.name, found] as const))('%s', (_name, found) => {
    const { directory, manifest, exports, backends, prefix = '<no src/<name>-backend.ts>' } = found;
    const Prefix = capitalized(prefix);

    it('exports <name>Backend and a typed create<Name>Cluster for each backend, and the options schema and types', () => {
      for (const backend of backends) {
        expect(exports[`${backend.name}Backend`], `${backend.name}Backend`).toBe(backend);
        expect(typeof exports[`create${capitalized(backend.name)}Cluster`], `create${capitalized(backend.name)}Cluster`).toBe('function');
        expect(backend.packageName).toBe(manifest.name);
        expect(backend.title).not.toBe('');
        expect(['ids', 'user']).toContain(backend.capabilities.statusScope);
      }
      expect(exports[`${Prefix}OptionsSchema`], `${Prefix}OptionsSchema`).toBe(backends[0]?.options);
      const index = fileText(directory, 'src/index.ts') ?? '';
      for (const type of [`${Prefix}Options`, `${Prefix}ResolvedOptions`]) expect(index, `src/index.ts exports type ${type}`).toMatch(new RegExp(`type ${type}\\b`));
    });

    it('has the template files, <prefix>-kebab-case names only, and none over 250 lines', () => {
      const base = manifest.jobqueue?.base;
      const accounting = backends.some((backend) => backend.capabilities.accounting);
      const needed = [...required.filter((part) => part !== 'render' || base === undefined), ...(accounting ? ['accounting'] : [])];
      for (const part of needed) expect(fileText(directory, `src/${prefix}-${part}.ts`), `src/${prefix}-${part}.ts`).toBeDefined();
      const sources = filesUnder(directory, 'src');
      expect(sources.filter((file) => file !== 'src/index.ts' && !new RegExp(`^src/${prefix}-[a-z0-9]+(-[a-z0-9]+)*\\.ts$`).test(file))).toEqual([]);
      const code = [...sources, ...filesUnder(directory, 'test').filter((file) => /\.(ts|mjs)$/.test(file)), ...filesUnder(directory, 'bin')];
      expect(code.filter((file) => (fileText(directory, file) ?? '').split('\n').length > 250)).toEqual([]);
      if (base !== undefined) expect((manifest as { dependencies?: Record<string, string> }).dependencies?.[base], `a declared base (${base}) is a dependency`).toBeDefined();
    });

    it('has a README, @jq/core as a caret peer, and message prefixes from the package name', () => {
      expect(fileText(directory, 'README.md') ?? '').toContain(`create${capitalized(backends[0]?.name ?? prefix)}Cluster`);
      expect(manifest.peerDependencies?.['@jq/core']).toBe('workspace:^');
      const code = (file: string) => (fileText(directory, file) ?? '').split('\n').filter((line) => !/^\s*(\/\/|\/?\*)/.test(line)).join('\n');
      const handTyped = filesUnder(directory, 'src').filter((file) => /\[jq\/[a-z-]+\]/.test(code(file)));
      expect(handTyped, 'use messagePrefix(packageName)').toEqual([]);
    });

    it('runs backendConformanceSuite for each backend in a test file of at most 12 lines, leaving out no test', () => {
      const suite = fileText(directory, `test/${prefix}-conformance.test.ts`) ?? '';
      expect(suite.split('\n').filter((line) => line.trim() !== '').length, `test/${prefix}-conformance.test.ts`).toBeLessThanOrEqual(12);
      expect(suite.match(/backendConformanceSuite\(/g)?.length ?? 0).toBe(backends.length);
      expect(suite).not.toMatch(/\.skip|\.only|\.todo|replaced|registered/);
    });

    it('has a type-level test that tsc (the typecheck script) covers: an unknown option, a wrong type, a misspelt preset key', () => {
      const types = fileText(directory, `test/${prefix}-options.test-d.ts`) ?? '';
      expect(types.match(/@ts-expect-error/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
      expect(types).toMatch(/definePreset\(/);
      expect(manifest.scripts?.typecheck).toBe('tsc --noEmit');
      expect(JSON.parse(fileText(directory, 'tsconfig.json') ?? '{}').include).toContain('test');
    });
  });
});
