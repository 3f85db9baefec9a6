import { defineConfig } from 'tsup';
import { tsupBase } from '../../tsup.base.js';

// Only the Node side (contract types, applyDashboardUpdate, the assets path); the page itself is
// built by Vite into dist/app after this (tsup cleans dist first).
export default defineConfig({
  entry: ['src/index.ts'],
  ...tsupBase,
});
