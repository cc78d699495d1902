import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDocumentCommands } from '../../../electron/cli/documents';
import { resourcesDir } from '../../../electron/documents/resources';
import { checkWording, fill, WORDING_FILE } from '../../../electron/documents/wording';

// Deliberately loose: the tests break the file's shape on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const shipped = (): Record<string, any> => JSON.parse(readFileSync(join(resourcesDir(), WORDING_FILE), 'utf8'));

describe('legal wording as data', () => {
  it('the shipped wording passes, states §32 and the five-day rule, and the 容缺 notice never says 材料齐全', () => {
    const { wording, problems } = checkWording(shipped());
    expect(problems).toEqual([]);
    expect(wording!.correctionNotice.legalBasis).toContain('第三十二条');
    expect(wording!.correctionNotice.fiveDayRule).toContain('五日内');
    expect(JSON.stringify(wording!.deficiencyNotice)).not.toContain('材料齐全');
    expect(wording!.denialDecision.legalBasis).toContain('第三十八条第二款');
  });

  it('lists every problem with its path: unknown and missing placeholders, a false phrase, missing and unknown keys', () => {
    const w = shipped();
    w.acceptanceNotice.body = w.acceptanceNotice.body.replace('{receivedOn}', '{receivedAt}');
    w.deficiencyNotice.body = '你（单位）于{receivedOn}提交的申请材料齐全。';
    w.deficiencyNotice.commitments[1] = '二、{colour}';
    w.remedies = '如不服，可申请行政复议。';
    const broken = checkWording(w).problems.map((p) => `${p.path}: ${p.message}`);
    expect(broken).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^acceptanceNotice\.body: 占位符 \{receivedAt\} 在此处不可用/),
        expect.stringMatching(/^acceptanceNotice\.body: 缺少占位符 \{receivedOn\}/),
        expect.stringMatching(/^deficiencyNotice\.body: 不得出现“材料齐全”/),
        expect.stringMatching(/^deficiencyNotice\.commitments\[1\]: 占位符 \{colour\}/),
        expect.stringMatching(/^remedies: 缺少占位符 \{court\}/),
      ]),
    );
    const shape = shipped();
    delete shape.licence;
    shape.extra = 1;
    const paths = checkWording(shape).problems.map((p) => p.path);
    expect(paths).toContain('licence');
    expect(paths.some((p) => p === '' || p === '(根)' || p.includes('extra'))).toBe(true);
  });

  it('fills placeholders', () => {
    expect(fill('于{receivedOn}提交', { receivedOn: '2026年3月2日' })).toBe('于2026年3月2日提交');
  });

  it('`documents check` exits 1 listing each error with its path, 0 on the shipped file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-wording-'));
    try {
      const w = shipped();
      w.deficiencyNotice.body = '申请材料齐全。{receivedOn}';
      w.correctionNotice.fiveDayRule = '请补正。';
      const file = join(dir, 'wording.json');
      writeFileSync(file, JSON.stringify(w));
      const check = createDocumentCommands().find((c) => c.path.join(' ') === 'documents check')!;
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env: process.env };
      expect(await check.run([file], io)).toBe(1);
      expect(out).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^deficiencyNotice\.body: /),
          expect.stringMatching(/^correctionNotice\.fiveDayRule: /),
        ]),
      );
      expect(err.join('')).toContain('共 2 处错误');
      out.length = 0;
      expect(await check.run([], io)).toBe(0);
      expect(out.join('')).toContain('文书措辞校验通过');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
