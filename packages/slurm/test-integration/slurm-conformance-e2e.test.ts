import { endToEndTests } from '@jq/conformance';
import { realSystemEndToEnd, requireRealSystem } from '@jq/testkit/real-system';
import { it } from 'vitest';
import { slurmBackend } from '../src/index.js';
import { slurmFixtures } from '../test/fixtures/slurm-fixtures.js';
import { realSlurm } from './slurm-system.js';

requireRealSystem(realSlurm);
endToEndTests(it, () => slurmBackend, { options: { cores: 1, memory: '256MB' }, fixtures: slurmFixtures, endToEnd: realSystemEndToEnd(realSlurm) });
