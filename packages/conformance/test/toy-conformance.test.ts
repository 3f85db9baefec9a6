import { it } from 'vitest';
import { backendConformanceSuite } from '../src/index.js';
import { toyBackend, toyFixtures } from './support/toy-backend.js';

backendConformanceSuite(it, () => toyBackend, { options: { cores: 1, memory: '1GB' }, fixtures: toyFixtures });
