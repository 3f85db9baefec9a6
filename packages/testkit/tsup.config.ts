import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  sourcemap: true,
  clean: true,
  // The emulator CLIs stay plain files in bin/, found relative to dist/ at run time.
  external: [/\.\.\/bin\//],
});
