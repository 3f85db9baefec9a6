import { defineConfig } from 'tsup';
import { tsupBase } from '../../tsup.base.js';

// Each command is its own chunk, imported when that command runs: `jobqueue --help` loads commander only.
export default defineConfig({
  entry: { main: 'src/main.ts' },
  ...tsupBase,
  dts: false,
  splitting: true,
});
