import { backendConformanceSuite } from '@jq/conformance';
import { createMoabEmulator } from '@jq/testkit';
import { emulatorEndToEnd } from '@jq/testkit/end-to-end';
import { it } from 'vitest';
import { moabBackend } from '../src/index.js';
import { moabFixtures } from './fixtures/moab-fixtures.js';

backendConformanceSuite(it, () => moabBackend, { options: { cores: 1, memory: '1GB' }, fixtures: moabFixtures, endToEnd: emulatorEndToEnd(() => createMoabEmulator()) });
