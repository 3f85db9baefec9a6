import { backendConformanceSuite } from '@jq/conformance';
import { createLsfEmulator } from '@jq/testkit';
import { emulatorEndToEnd } from '@jq/testkit/end-to-end';
import { it } from 'vitest';
import { lsfBackend } from '../src/index.js';
import { lsfFixtures } from './fixtures/lsf-fixtures.js';

backendConformanceSuite(it, () => lsfBackend, { options: { cores: 1, memory: '1GB' }, fixtures: lsfFixtures, endToEnd: emulatorEndToEnd(() => createLsfEmulator()) });
