import { describe, expect, it } from 'vitest';
import { errorGuide } from '../content/error-guide.js';
import { declaredErrorCodes, findErrorCodeUses } from '../generate/error-codes.js';
import { workspacePackages } from '../generate/repository.js';
import { troubleshootingPage } from '../generate/troubleshooting-page.js';

describe('troubleshooting page', () => {
  const codes = declaredErrorCodes();

  it('reads every code of core\'s JobQueueErrorCode, with its meaning from the TSDoc list', () => {
    expect(codes.length).toBe(Object.keys(errorGuide).length);
    expect(codes.find((facts) => facts.code === 'JQ_CONFIG_INVALID')?.meaning).toMatch(/options failed validation/);
  });

  // Parses every package's sources: seconds on a loaded machine.
  it('has a section and an anchor per code, and names the classes that carry it', { timeout: 120_000 }, () => {
    findErrorCodeUses(codes, workspacePackages());
    const page = troubleshootingPage(codes);
    for (const { code } of codes) expect(page).toContain(`## ${code} {#${code}}`);
    expect(codes.find((facts) => facts.code === 'JQ_COMMAND_NOT_FOUND')?.classes).toContain('CommandError');
    expect(codes.find((facts) => facts.code === 'JQ_CONFIG_INVALID')?.usedIn.get('@jq/core')).toContain('errors.ts');
  });

  it('refuses to build when a declared code has no advice', () => {
    expect(() => troubleshootingPage([...codes, { code: 'JQ_NEW_CODE', meaning: undefined, classes: [], usedIn: new Map() }])).toThrow(/missing JQ_NEW_CODE/);
  });

  it('refuses to build when the advice names a code core no longer declares', () => {
    expect(() => troubleshootingPage(codes.filter((facts) => facts.code !== 'JQ_TIMEOUT'))).toThrow(/no longer declared JQ_TIMEOUT/);
  });
});
