/** Conditions and limits in words, for the CLI, the service guide and the review step. */
import type { Condition } from './conditions';
import type { Catalog, TimeLimit } from './schema';

export function describeLimit(limit: TimeLimit | null): string {
  if (limit === null) return '无法定时限';
  return limit.value === 0 ? '当场办结' : `${limit.value}个${limit.unit}`;
}

export function describeCondition(condition: Condition, catalog: Catalog): string {
  const label = (key: string): string => catalog.fields.find((f) => f.key === key)?.label ?? key;
  if ('all' in condition) return condition.all.map((c) => describeCondition(c, catalog)).join('且');
  if ('any' in condition) return condition.any.map((c) => describeCondition(c, catalog)).join('或');
  if ('not' in condition) return `非（${describeCondition(condition.not, catalog)}）`;
  if ('equals' in condition) return `${label(condition.field)}为${String(condition.equals)}`;
  if ('in' in condition) return `${label(condition.field)}为${condition.in.map(String).join('或')}`;
  if ('includes' in condition) return `${label(condition.field)}含${condition.includes}`;
  return condition.filled ? `已填${label(condition.field)}` : `未填${label(condition.field)}`;
}
