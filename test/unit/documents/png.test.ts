import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../../electron/documents/png';

// ImageMagick (libpng underneath) checks every chunk's CRC; -regard-warnings makes a bad one fail.
describe('PNG encoder', () => {
  it('writes chunks whose CRCs libpng accepts, in every channel layout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-png-'));
    try {
      for (const channels of [1, 2, 3, 4] as const) {
        const file = join(dir, `c${channels}.png`);
        const pixels = Uint8Array.from({ length: 7 * 5 * channels }, (_, i) => (i * 37) % 256);
        writeFileSync(file, encodePng(7, 5, channels, pixels));
        expect(execFileSync('identify', ['-regard-warnings', '-format', '%w×%h', file], { encoding: 'utf8' })).toBe('7×5');
      }
      // A flipped byte in the pixel data is caught: the check can fail.
      const broken = Buffer.from(encodePng(7, 5, 1, new Uint8Array(35).fill(9)));
      broken[broken.length - 20] = broken[broken.length - 20]! ^ 0xff;
      writeFileSync(join(dir, 'broken.png'), broken);
      expect(() => execFileSync('identify', ['-regard-warnings', join(dir, 'broken.png')], { stdio: 'pipe' })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
