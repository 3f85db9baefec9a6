import { backendConformanceSuite } from '@jq/conformance';
import { createPbsEmulator } from '@jq/testkit';
import { emulatorEndToEnd } from '@jq/testkit/end-to-end';
import { it } from 'vitest';
import { pbsBackend, torqueBackend } from '../src/index.js';
import { pbsFixtures, torqueFixtures } from './fixtures/pbs-fixtures.js';

const options = { cores: 1, memory: '1GB' };
backendConformanceSuite(it, () => pbsBackend, { options, fixtures: pbsFixtures, endToEnd: emulatorEndToEnd(() => createPbsEmulator({ flavor: 'pbspro' })) });
backendConformanceSuite(it, () => torqueBackend, { options, fixtures: torqueFixtures, endToEnd: emulatorEndToEnd(() => createPbsEmulator({ flavor: 'torque' })) });
