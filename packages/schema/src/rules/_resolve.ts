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

/**
 * Follows a binding through arrays: at an array, a non-numeric step applies to every item, so
 * `members/relationship` yields each member's relationship with its path. Missing values are skipped.
 */
export function collectBinding(
  obj: Record<string, unknown>,
  binding: string | undefined,
  path: IssuePath,
): { value: unknown; path: IssuePath }[] {
  if (binding === undefined) return [];
  let frontier: { value: unknown; path: IssuePath }[] = [{ value: obj, path }];
  for (const step of binding.split('/')) {
    if (step === '') continue;
    const next: { value: unknown; path: IssuePath }[] = [];
    for (const { value, path: at } of frontier) {
      if (Array.isArray(value)) {
        if (/^\d+$/.test(step)) {
          if (value[Number(step)] !== undefined)
            next.push({ value: value[Number(step)], path: [...at, Number(step)] });
          continue;
        }
        value.forEach((item, i) => {
          if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
            const v = (item as Record<string, unknown>)[step];
            if (v !== undefined) next.push({ value: v, path: [...at, i, step] });
          }
        });
      } else if (value !== null && typeof value === 'object') {
        const v = (value as Record<string, unknown>)[step];
        if (v !== undefined) next.push({ value: v, path: [...at, step] });
      }
    }
    frontier = next;
  }
  return frontier;
}
