import { defineConfig } from 'tsup';
import { tsupBase } from '../../tsup.base.js';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  ...tsupBase,
});
