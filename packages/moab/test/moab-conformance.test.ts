import { backendConformanceSuite } from '@jq/conformance';
import { it } from 'vitest';
import { moabBackend } from '../src/index.js';
import { moabFixtures } from './fixtures/moab-fixtures.js';
import { moabEndToEnd } from './support/moab-end-to-end.js';

backendConformanceSuite(it, () => moabBackend, { options: { cores: 1, memory: '1GB' }, fixtures: moabFixtures, endToEnd: moabEndToEnd });
