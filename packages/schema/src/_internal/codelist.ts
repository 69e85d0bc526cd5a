/** A code list as the generated checkers consult it: code -> deprecated, `undefined` when absent. */
export interface CodeListTable {
  get(code: string): boolean | undefined;
  has(code: string): boolean;
}

/**
 * A code list whose codes are all ASCII digits of one width (1 to 4, e.g. GB/T 2261.1 sex `1`,
 * GB/T 3304 ethnicity `01`): a code is looked up by arithmetic in a table of 10^width entries instead
 * of being hashed, which a Map does on every lookup.
 */
export class DigitCodeList implements CodeListTable {
  // -1 absent, 0 in use, 1 deprecated.
  private readonly table: Int8Array;
  constructor(
    private readonly width: number,
    entries: readonly (readonly [string, boolean])[],
  ) {
    this.table = new Int8Array(10 ** width).fill(-1);
    for (const [code, deprecated] of entries) {
      const n = this.index(code);
      if (n < 0)
        throw new TypeError(`代码 ${code} 不是 ${width} 位数字（code ${code} is not ${width} digits）`);
      this.table[n] = deprecated ? 1 : 0;
    }
  }
  private index(code: string): number {
    if (code.length !== this.width) return -1;
    let n = 0;
    for (let i = 0; i < code.length; i++) {
      const c = code.charCodeAt(i) - 48;
      if (c >>> 0 > 9) return -1;
      n = n * 10 + c;
    }
    return n;
  }
  get(code: string): boolean | undefined {
    const n = this.index(code);
    if (n < 0) return undefined;
    const t = this.table[n]!;
    return t < 0 ? undefined : t === 1;
  }
  has(code: string): boolean {
    return this.get(code) !== undefined;
  }
}

/**
 * A short code list whose codes are not all digits of one width, looked up by the `switch` `@gds/kit`
 * generates for it: on the strings of parsed JSON a hashed lookup costs more than a few comparisons.
 *
 * @example
 * ```ts
 * const list = new SwitchCodeList((code) => {
 *   switch (code) {
 *     case 'resident-id':
 *       return false;
 *     default:
 *       return undefined;
 *   }
 * });
 * list.get('resident-id'); // false: listed, not deprecated
 * ```
 */
export class SwitchCodeList implements CodeListTable {
  constructor(readonly get: (code: string) => boolean | undefined) {}
  has(code: string): boolean {
    return this.get(code) !== undefined;
  }
}
