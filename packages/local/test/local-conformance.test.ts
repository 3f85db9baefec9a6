import { backendConformanceSuite } from '@jq/conformance';
import { it } from 'vitest';
import { localBackend } from '../src/index.js';
import { localEndToEnd, localFixtures } from './fixtures/local-fixtures.js';

backendConformanceSuite(it, () => localBackend, { options: { cores: 1, memory: '1GB' }, fixtures: localFixtures, endToEnd: localEndToEnd });
