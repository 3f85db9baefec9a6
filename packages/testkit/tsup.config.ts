import { defineConfig } from 'tsup';
import { tsupBase } from '../../tsup.base.js';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  ...tsupBase,
  // The emulator CLIs stay plain files in bin/, found relative to dist/ at run time.
  external: [/\.\.\/bin\//],
});
