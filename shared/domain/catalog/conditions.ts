/**
 * Conditions over form values, shared by field visibility (showWhen), conditional requirement
 * (requiredWhen), item applicability (appliesWhen) and conditional materials (neededWhen), so
 * the catalog speaks one small language and every rule is evaluated the same way everywhere.
 */
export type Scalar = string | number | boolean;

export type Condition =
  | { field: string; equals: Scalar }
  | { field: string; in: Scalar[] }
  | { field: string; includes: string }
  | { field: string; filled: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export type Values = Readonly<Record<string, unknown>>;

export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'number') return Number.isFinite(value);
  return true;
}

function sameScalar(actual: unknown, expected: Scalar): boolean {
  if (actual === expected) return true;
  // Number inputs arrive as strings from text boxes; "120" must match 120.
  if (typeof expected === 'number' && typeof actual === 'string' && actual.trim() !== '') return Number(actual) === expected;
  return false;
}

export function evaluateCondition(condition: Condition, values: Values): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, values));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, values));
  if ('not' in condition) return !evaluateCondition(condition.not, values);
  const actual = values[condition.field];
  if ('equals' in condition) return sameScalar(actual, condition.equals);
  if ('in' in condition) return condition.in.some((v) => sameScalar(actual, v));
  if ('includes' in condition) return Array.isArray(actual) && actual.includes(condition.includes);
  return isFilled(actual) === condition.filled;
}

/** Every field a condition names, with the literal values compared against it. */
export function conditionReferences(condition: Condition): { field: string; values: Scalar[] }[] {
  if ('all' in condition) return condition.all.flatMap(conditionReferences);
  if ('any' in condition) return condition.any.flatMap(conditionReferences);
  if ('not' in condition) return conditionReferences(condition.not);
  if ('equals' in condition) return [{ field: condition.field, values: [condition.equals] }];
  if ('in' in condition) return [{ field: condition.field, values: condition.in }];
  if ('includes' in condition) return [{ field: condition.field, values: [condition.includes] }];
  return [{ field: condition.field, values: [] }];
}
