import type { IssuePath } from '../../issue.js';

// Rules run once per record on a hot path: a binding is split once, and a full issue path is only
// built when there is an issue to report.
const STEPS = new Map<string, readonly string[]>();

function steps(binding: string): readonly string[] {
  let s = STEPS.get(binding);
  if (!s) {
    s = binding.split('/').filter((x) => x !== '');
    STEPS.set(binding, s);
  }
  return s;
}

// A step names an own property: a record without `constructor` has none, whatever it inherits.
function own(obj: object, step: string): unknown {
  return Object.hasOwn(obj, step) ? (obj as Record<string, unknown>)[step] : undefined;
}

function isIndex(step: string): boolean {
  if (step.length === 0) return false;
  for (let i = 0; i < step.length; i++) {
    const c = step.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The value a binding (a `/`-separated path relative to an object, as written in `x-gds-rules`) points
 * at; `undefined` when a step is missing.
 */
export function valueAt(obj: Record<string, unknown>, binding: string | undefined): unknown {
  if (binding === undefined) return undefined;
  // Most bindings name a property of the object itself.
  if (binding !== '' && binding.indexOf('/') === -1) return own(obj, binding);
  let value: unknown = obj;
  for (const step of steps(binding)) {
    if (Array.isArray(value)) {
      if (!isIndex(step)) return undefined;
      value = value[Number(step)];
    } else if (value !== null && typeof value === 'object') {
      value = own(value, step);
    } else return undefined;
    if (value === undefined) return undefined;
  }
  return value;
}

/** The path of a binding relative to the object (array indices as numbers). */
export function pathAt(binding: string): IssuePath {
  const tail = steps(binding);
  const out: (string | number)[] = new Array(tail.length);
  for (let i = 0; i < tail.length; i++) {
    const s = tail[i]!;
    out[i] = isIndex(s) ? Number(s) : s;
  }
  return out;
}

/**
 * Follows a binding through arrays: at an array, a non-numeric step applies to every item, so
 * `members/relationship` yields each member's relationship with its path. Missing values are skipped.
 */
export function collectBinding(
  obj: Record<string, unknown>,
  binding: string | undefined,
): { value: unknown; path: IssuePath }[] {
  if (binding === undefined) return [];
  let frontier: { value: unknown; path: IssuePath }[] = [{ value: obj, path: [] }];
  for (const step of steps(binding)) {
    const next: { value: unknown; path: IssuePath }[] = [];
    for (const { value, path: at } of frontier) {
      if (Array.isArray(value)) {
        if (isIndex(step)) {
          if (value[Number(step)] !== undefined)
            next.push({ value: value[Number(step)], path: [...at, Number(step)] });
          continue;
        }
        value.forEach((item, i) => {
          if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
            const v = own(item, step);
            if (v !== undefined) next.push({ value: v, path: [...at, i, step] });
          }
        });
      } else if (value !== null && typeof value === 'object') {
        const v = own(value, step);
        if (v !== undefined) next.push({ value: v, path: [...at, step] });
      }
    }
    frontier = next;
  }
  return frontier;
}
