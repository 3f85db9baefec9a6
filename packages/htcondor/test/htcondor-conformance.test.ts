import { backendConformanceSuite } from '@jq/conformance';
import { it } from 'vitest';
import { htcondorBackend } from '../src/index.js';
import { htcondorFixtures } from './fixtures/htcondor-fixtures.js';
import { htcondorEndToEnd } from './support/htcondor-end-to-end.js';

backendConformanceSuite(it, () => htcondorBackend, { options: { cores: 1, memory: '1GB', disk: '1GB' }, fixtures: htcondorFixtures, endToEnd: htcondorEndToEnd });
