// Insertion sort by UTF-16 code units (`<` on strings), as RFC 8785 section 3.2.3 asks: records have few
// members, often already in order, where this beats Array.prototype.sort severalfold. Sorts in place.
export function sortKeys(keys: string[]): string[] {
  if (keys.length > 32) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    if (keys[i - 1]! <= k) continue;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}
