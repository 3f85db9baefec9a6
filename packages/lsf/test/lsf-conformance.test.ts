import { backendConformanceSuite } from '@jq/conformance';
import { it } from 'vitest';
import { lsfBackend } from '../src/index.js';
import { lsfFixtures } from './fixtures/lsf-fixtures.js';
import { lsfEndToEnd } from './support/lsf-end-to-end.js';

backendConformanceSuite(it, () => lsfBackend, { options: { cores: 1, memory: '1GB' }, fixtures: lsfFixtures, endToEnd: lsfEndToEnd });
