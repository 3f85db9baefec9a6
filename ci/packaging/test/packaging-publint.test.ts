import { readFileSync } from 'node:fs';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';
import { publishablePackages, tarballPath } from '../packaging-packages.js';

describe.each(publishablePackages())('$name', (pack) => {
  it('publint finds nothing in its pnpm pack tarball (suggestions included, strict)', async () => {
    const tarball = readFileSync(tarballPath(pack));
    const { messages, pkg } = await publint({ pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) }, level: 'suggestion', strict: true });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`)).toEqual([]);
  });
});
