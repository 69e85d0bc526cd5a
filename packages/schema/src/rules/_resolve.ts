import type { IssuePath } from '../issue.js';

/**
 * Follows a binding (a `/`-separated path relative to an object, as written in `x-gds-rules`) and
 * returns the value found and its full path; `undefined` when a step is missing.
 */
export function resolveBinding(
  obj: Record<string, unknown>,
  binding: string | undefined,
  path: IssuePath,
): { value: unknown; path: IssuePath } | undefined {
  if (binding === undefined) return undefined;
  let value: unknown = obj;
  const out: (string | number)[] = [...path];
  for (const step of binding.split('/')) {
    if (step === '') continue;
    if (Array.isArray(value) && /^\d+$/.test(step)) {
      value = value[Number(step)];
      out.push(Number(step));
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      value = (value as Record<string, unknown>)[step];
      out.push(step);
    } else return undefined;
    if (value === undefined) return undefined;
  }
  return { value, path: out };
}
