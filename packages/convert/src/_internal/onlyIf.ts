import type { FieldRule } from '../mapping.js';

/**
 * For each rule, the other rules of the same list that produce what its `onlyIf` names: that field, or a
 * field below it (`onlyIf: "specialGroups"` is met by `specialGroups.0.group`).
 */
export function onlyIfEdges(fields: readonly FieldRule[]): number[][] {
  return fields.map((f, i) => {
    const name = f.onlyIf;
    if (name === undefined) return [];
    const out: number[] = [];
    fields.forEach((g, k) => {
      if (k !== i && (g.target === name || g.target.startsWith(`${name}.`))) out.push(k);
    });
    return out;
  });
}

/**
 * The order in which the engine sets the fields of one list: rules without `onlyIf` as they come, then
 * the conditional ones after what they depend on, so that the order of `fields` does not matter.
 * (A cycle, which `checkMapping` refuses, is cut where it closes.)
 */
export function onlyIfRanks(fields: readonly FieldRule[]): number[] {
  const edges = onlyIfEdges(fields);
  const rank = new Array<number>(fields.length).fill(-1);
  const visit = (i: number, open: Set<number>): number => {
    if (rank[i]! >= 0) return rank[i]!;
    if (fields[i]!.onlyIf === undefined) {
      rank[i] = 0;
      return 0;
    }
    open.add(i);
    let r = 1;
    for (const k of edges[i]!) if (!open.has(k)) r = Math.max(r, visit(k, open) + 1);
    open.delete(i);
    rank[i] = r;
    return r;
  };
  for (let i = 0; i < fields.length; i++) visit(i, new Set());
  return rank;
}
