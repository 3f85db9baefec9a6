import { backendConformanceSuite } from '@jq/conformance';
import { it } from 'vitest';
import { pbsProBackend, torqueBackend } from '../src/index.js';
import { pbsEndToEnd } from './support/pbs-end-to-end.js';
import { pbsProFixtures, torqueFixtures } from './fixtures/pbs-fixtures.js';

const options = { cores: 1, memory: '1GB' };
backendConformanceSuite(it, () => pbsProBackend, { options, fixtures: pbsProFixtures, endToEnd: pbsEndToEnd('pbspro') });
backendConformanceSuite(it, () => torqueBackend, { options, fixtures: torqueFixtures, endToEnd: pbsEndToEnd('torque') });
