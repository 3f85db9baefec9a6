import { backendConformanceSuite } from '@jq/conformance';
import { it } from 'vitest';
import { sgeBackend } from '../src/index.js';
import { sgeConformanceOptions, sgeFixtures } from './fixtures/sge-fixtures.js';

// SGE polls the user's jobs and asks qacct by job name: capabilities.statusScope and accountingScope say so.
backendConformanceSuite(it, () => sgeBackend, { options: sgeConformanceOptions, fixtures: sgeFixtures });
