import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// Clusters keep journals under $XDG_STATE_HOME and refuse a name a live cluster holds:
// each test file gets its own state root, so files running side by side never collide.
const stateHome = mkdtempSync(join(tmpdir(), 'jq-test-state-'));
process.env.XDG_STATE_HOME = stateHome;
afterAll(() => rmSync(stateHome, { recursive: true, force: true }));
