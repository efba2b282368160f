import { afterEach, describe, expect, it } from 'vitest';
import { startPtyPair } from '../support/pty.js';

describe('startPtyPair', () => {
  const originalPath = process.env['PATH'];

  afterEach(() => {
    if (originalPath === undefined) delete process.env['PATH'];
    else process.env['PATH'] = originalPath;
  });

  it('fails loudly, with the install command, when socat is not on PATH', async () => {
    // A serial suite that skipped itself here would hide a broken CI image.
    process.env['PATH'] = '/nonexistent-kiosk-bin';

    await expect(startPtyPair()).rejects.toThrow('socat is missing: apt-get install -y socat');
  });
});
