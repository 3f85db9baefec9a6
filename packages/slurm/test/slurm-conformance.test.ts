import { backendConformanceSuite } from '@jq/conformance';
import { it } from 'vitest';
import { slurmBackend } from '../src/index.js';
import { slurmFixtures } from './fixtures/slurm-fixtures.js';

backendConformanceSuite(it, () => slurmBackend, { options: { cores: 1, memory: '1GB' }, fixtures: slurmFixtures });
