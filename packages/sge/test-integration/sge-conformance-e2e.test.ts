import { endToEndTests } from '@jq/conformance';
import { realSystemEndToEnd, requireRealSystem } from '@jq/testkit/real-system';
import { it } from 'vitest';
import { sgeBackend } from '../src/index.js';
import { sgeConformanceOptions, sgeFixtures } from '../test/fixtures/sge-fixtures.js';
import { realSge } from './sge-system.js';

// A job's record reaches qacct a second or two after it leaves qstat (reporting flush_time is 1 s in ci/sge).
requireRealSystem(realSge);
endToEndTests(it, () => sgeBackend, { options: sgeConformanceOptions, fixtures: sgeFixtures, endToEnd: realSystemEndToEnd(realSge) });
