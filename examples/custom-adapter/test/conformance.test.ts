import { backendConformanceSuite } from '@jq/conformance';
import { it } from 'vitest';
import { oarBackend } from '../src/index.js';
import { oarFixtures } from './oar-fixtures.js';

backendConformanceSuite(it, () => oarBackend, {
  options: { cores: 1, memory: '1GB' },
  fixtures: oarFixtures,
});
