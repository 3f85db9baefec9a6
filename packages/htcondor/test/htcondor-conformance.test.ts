import { backendConformanceSuite } from '@jq/conformance';
import { createHtcondorEmulator } from '@jq/testkit';
import { emulatorEndToEnd } from '@jq/testkit/end-to-end';
import { it } from 'vitest';
import { htcondorBackend } from '../src/index.js';
import { htcondorFixtures } from './fixtures/htcondor-fixtures.js';

const options = { cores: 1, memory: '1GB', disk: '1GB' };
backendConformanceSuite(it, () => htcondorBackend, { options, fixtures: htcondorFixtures, endToEnd: emulatorEndToEnd(() => createHtcondorEmulator()) });
