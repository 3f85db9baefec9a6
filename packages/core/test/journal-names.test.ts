import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterJournal, JobQueueCluster, journalDirectory, journalNames, journalRoot } from '../src/index.js';
import { fakeBackend } from './support/fake-batch.js';
import { TestScheduler } from '../src/testing/index.js';

describe('cluster names as journal directories', () => {
  it('refuses ".", "..", hidden and path-like names before any directory is touched', async () => {
    for (const name of ['.', '..', '.hidden', '../elsewhere', 'a/b', '-flag']) {
      expect(() => journalDirectory(name), name).toThrow(/is not a cluster name/);
      await expect(JobQueueCluster.attach(name), name).rejects.toThrow(/is not a cluster name/);
      expect(() => new JobQueueCluster({ backend: fakeBackend, scheduler: new TestScheduler(), options: { name, cores: 1, memory: '1GB' }, handleExit: false }), name).toThrow(/name: must use only letters/);
    }
    expect(existsSync(journalRoot())).toBe(false);
  });

  it('removes a journal in one step: the name is gone at once, and a leftover being deleted is not listed', async () => {
    const { journal } = ClusterJournal.prepare('going');
    await journal.claim();
    mkdirSync(join(journalRoot(), '.gone.removed-1-2'));
    expect(journalNames()).toEqual(['going']);
    await journal.remove();
    expect(existsSync(journalDirectory('going'))).toBe(false);
    expect(journalNames()).toEqual([]);
  });
});
