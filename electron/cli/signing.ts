import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ExportedSignature, signatureReference } from '../../shared/domain/signing';
import { fingerprintOf, publicKeyPem, verifyRecord } from '../signing';
import { sha256Hex } from '../signing/sm2';
import { parseCli } from './args';
import { CliError, type CliCommand } from './command';
import { DATA_DIR_OPTION, openForCli } from './store-access';
import { issuePath } from '../../shared/api/issues';

function readExported(file: string): ExportedSignature {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`无法读取签名文件 ${file}：${err instanceof Error ? err.message : String(err)}`, 2);
  }
  const parsed = ExportedSignature.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CliError(`签名文件 ${file} 格式不正确：${first ? `${issuePath(first.path, 'file')} ${first.message}` : '未知错误'}`, 2);
  }
  return parsed.data;
}

/** Needs no data directory: whoever holds the exported file (and the PDF) can check it. */
const verify: CliCommand = {
  path: ['signing', 'verify'],
  summary: '核验领导的 SM2/SM3 电子签名文件（可同时核对决定书 PDF 和公钥）',
  usage: 'onewindow signing verify <signature.json> [--document <决定书.pdf>] [--expect-key <公钥hex或指纹>]',
  async run(args, io) {
    const { values, positionals } = parseCli(args, { document: { type: 'string' }, 'expect-key': { type: 'string' } }, this.usage);
    const file = positionals[0];
    if (!file) throw new CliError(`缺少签名文件。用法：${this.usage}`, 2);
    const exported = readExported(file);
    const { content, ...record } = exported;
    const problems: string[] = [];
    const outcome = verifyRecord(record, content ? { content, documentSha256: record.documentSha256 } : undefined);
    if (!outcome.valid) problems.push(outcome.reason);
    if (values.document !== undefined) {
      if (!existsSync(values.document)) throw new CliError(`找不到决定书文件 ${values.document}`, 2);
      if (sha256Hex(readFileSync(values.document)) !== record.documentSha256)
        problems.push('决定书 PDF 与签名时的文件不一致（文件被改动或不是同一份）');
    }
    const expected = values['expect-key']?.trim().toLowerCase();
    if (
      expected !== undefined &&
      expected !== record.publicKey &&
      expected.replace(/\s+/g, '') !== fingerprintOf(record.publicKey).replace(/\s+/g, '')
    ) {
      problems.push('签名公钥与指定的领导公钥不符（可能是他人的密钥）');
    }
    if (problems.length > 0) {
      for (const p of problems) io.err(`签名无效：${p}`);
      return 1;
    }
    io.out(`OK 签名有效：${signatureReference(record)}`);
    io.out(`  办件 ${record.caseRef}，签名人 ${record.signer.displayName}，时间 ${record.signedAt}`);
    io.out(`  公钥指纹 ${fingerprintOf(record.publicKey)}`);
    if (!content) io.out('  注意：文件未附决定内容，只核验了签名值与内容哈希；请用附带内容的导出文件核对决定内容');
    if (values.document === undefined) io.out('  提示：加 --document <决定书.pdf> 可核对打印的决定书是否为签名时的文件');
    return 0;
  },
};

const exportCmd: CliCommand = {
  path: ['signing', 'export'],
  summary: '导出一条签名记录（含决定内容），供他人核验',
  usage: 'onewindow signing export <签名编号> [--out <file.json>] [--pem <公钥.pem>] [--data-dir <dir>]',
  async run(args, io) {
    const { values, positionals } = parseCli(args, { ...DATA_DIR_OPTION, out: { type: 'string' }, pem: { type: 'string' } }, this.usage);
    const signatureId = positionals[0];
    if (!signatureId) throw new CliError(`缺少签名编号。用法：${this.usage}`, 2);
    const ws = openForCli(values['data-dir'], io);
    try {
      const stored = ws.signing.signatures.byId(signatureId);
      if (!stored) throw new CliError(`没有签名记录 ${signatureId}，请核对签名编号`, 1);
      const { signature } = ws.signing.exportSignature(signatureId);
      const json = JSON.stringify(signature, null, 2) + '\n';
      if (values.out) {
        writeFileSync(values.out, json);
        io.out(`已导出到 ${values.out}`);
      } else {
        io.out(json.trimEnd());
      }
      if (values.pem) writeFileSync(values.pem, publicKeyPem(signature.publicKey));
      return 0;
    } finally {
      ws.close();
    }
  },
};

const keys: CliCommand = {
  path: ['signing', 'keys'],
  summary: '列出本工位已配置的领导签名公钥及指纹',
  usage: 'onewindow signing keys [--data-dir <dir>]',
  async run(args, io) {
    const { values } = parseCli(args, DATA_DIR_OPTION, this.usage);
    const ws = openForCli(values['data-dir'], io);
    try {
      const list = ws.signing.listKeys();
      if (list.length === 0) io.out('尚未配置任何领导签名密钥');
      for (const k of list) {
        io.out(
          `${k.displayName}（${k.username}）  指纹 ${k.fingerprint}  配置于 ${k.createdAt}${k.hasPin ? '  已绑定身份证+PIN' : ''}${k.locked ? '  已锁定' : ''}`,
        );
      }
      return 0;
    } finally {
      ws.close();
    }
  },
};

export const commands: CliCommand[] = [verify, exportCmd, keys];
