import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { cameraPagesToPdf } from '../../../electron/capture/camera-pdf';
import { encodePng } from '../../../electron/documents/png';
import { ASSEMBLE_MAX_BASE64_CHARS } from '../../../shared/api/capture';

// A tiny grey JPEG (8x8), small enough that Node hands it out of its shared Buffer pool.
const TINY_JPEG =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==';

describe('cameraPagesToPdf', () => {
  it('embeds small JPEG and PNG pages, fitted to A4 and turned by the page rotation', async () => {
    const png = Buffer.from(encodePng(40, 80, 1, new Uint8Array(40 * 80).fill(200))).toString('base64');
    const pdf = await cameraPagesToPdf([
      { mime: 'image/jpeg', dataBase64: TINY_JPEG, rotation: 0 },
      { mime: 'image/png', dataBase64: png, rotation: 90 },
    ]);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(2);
    const second = doc.getPage(1);
    expect(second.getRotation().angle).toBe(90);
    expect(Math.round(second.getSize().height)).toBe(842);
    expect(Math.round(second.getSize().width)).toBe(421);
  });

  it('refuses pages over the size limit with a TOO_LARGE error in Chinese', async () => {
    const big = 'A'.repeat(ASSEMBLE_MAX_BASE64_CHARS / 2 + 4);
    await expect(
      cameraPagesToPdf([
        { mime: 'image/jpeg', dataBase64: big, rotation: 0 },
        { mime: 'image/jpeg', dataBase64: big, rotation: 0 },
      ]),
    ).rejects.toMatchObject({ code: 'TOO_LARGE', message: expect.stringMatching(/分成几份/) as unknown });
  });

  it('names the page it cannot read', async () => {
    await expect(
      cameraPagesToPdf([{ mime: 'image/jpeg', dataBase64: Buffer.from('not a jpeg').toString('base64'), rotation: 0 }]),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('第 1 页') as unknown,
    });
  });
});
