/**
 * JSON.parse with a readable location: IT edits catalogs by hand, and "Unexpected token at
 * position 48213" is useless without a line and column.
 */
export type JsonParseResult = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

export function lineColumnAt(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

export function parseJsonText(text: string): JsonParseResult {
  // A UTF-8 BOM from Windows editors is not an error worth reporting.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 reports either "at position N" (Node 20) or "(line L column C)" (Node 22+).
    const lc = /line (\d+) column (\d+)/.exec(message);
    if (lc) return { ok: false, line: Number(lc[1]), column: Number(lc[2]), message: describe(message) };
    const pos = /position (\d+)/.exec(message);
    const at = lineColumnAt(body, pos ? Number(pos[1]) : body.length);
    return { ok: false, ...at, message: describe(message) };
  }
}

function describe(v8Message: string): string {
  if (/Unexpected end of JSON input/i.test(v8Message)) return '文件意外结束，可能缺少右括号或引号';
  if (/Expected double-quoted property name/i.test(v8Message)) return '此处应为带双引号的属性名，常见原因是多余的逗号';
  if (/Expected ',' or '}'|Expected ',' or ']'/i.test(v8Message)) return '此处缺少逗号或右括号';
  if (/Expected ':'/i.test(v8Message)) return '属性名后缺少冒号';
  if (/Unexpected token/i.test(v8Message)) return '此处有无法识别的字符，请检查引号和逗号';
  if (/Bad control character/i.test(v8Message)) return '字符串中有未转义的控制字符（如换行）';
  return 'JSON 语法错误';
}
