import { backendConformanceSuite } from '@jq/conformance';
import { it } from 'vitest';
import { oarBackend } from '../src/index.js';
import { oarFixtures } from './fixtures/oar-fixtures.js';

// 6 cores split evenly over the suite's GPU counts (1 and 3): OAR asks for cores per GPU.
backendConformanceSuite(it, () => oarBackend, { options: { cores: 6, memory: '1GB' }, fixtures: oarFixtures });
