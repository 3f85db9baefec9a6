import { defineConfig } from 'tsup';
import { tsupBase } from '../../tsup.base.js';

export default defineConfig({
  entry: { index: 'src/index.ts', 'fuzz/index': 'src/fuzz/index.ts', 'real-system/index': 'src/real-system/index.ts', 'end-to-end/index': 'src/end-to-end/index.ts' },
  ...tsupBase,
  // The emulator CLIs stay plain files in bin/, found relative to dist/ at run time;
  // the workspace packages and vitest are the user's.
  external: [/\.\.\/bin\//, /^@jq\//, 'vitest'],
});
