/**
 * Zod's own messages are English; IT staff editing a catalog read Chinese. Messages written
 * into the schema win over this map, so only the generic cases are translated here.
 */
import type { z } from 'zod';
import { issueDetails, issuePath } from '../../api/issues';

export interface CatalogProblem {
  path: string;
  message: string;
}

/** `items[3].materials[0].material`: the way a person finds the spot in the JSON file. */
export function formatPath(path: readonly PropertyKey[]): string {
  return issuePath(path, 'file');
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: '布尔值（true/false）',
  array: '数组',
  object: '对象',
  null: 'null',
  int: '整数',
};

function typeName(t: unknown): string {
  return typeof t === 'string' ? (TYPE_NAMES[t] ?? t) : String(t);
}

export const chineseIssueMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '缺少此项，请补上' : `类型应为${typeName(issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'array') return `至少需要 ${String(issue.minimum)} 项`;
      if (issue.origin === 'string') return '不能为空';
      return `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `最多 ${String(issue.maximum)} 项`;
      return `不能大于 ${String(issue.maximum)}`;
    case 'invalid_value':
      return `取值应为以下之一：${issue.values.map((v) => String(v)).join('、')}`;
    case 'unrecognized_keys':
      return `不认识的属性：${issue.keys.join('、')}（请检查拼写或删除）`;
    case 'invalid_union':
      return '写法不符合任何一种允许的格式';
    case 'invalid_format':
      return '格式不正确';
    case 'not_multiple_of':
      return '应为整数';
    default:
      return undefined;
  }
};

export function zodProblems(error: z.ZodError): CatalogProblem[] {
  return issueDetails(error, 'file');
}
