import { DIVISIONS } from './_internal/divisions.generated.js';
import { createDivisionRegistry, type DivisionEntry, type DivisionRegistry } from './divisionRegistry.js';

let bundled: DivisionRegistry | undefined;

/**
 * The division registry bundled with GDS: an EXCERPT of GB/T 2260 (`standards/codelists/division.csv`):
 * all 34 province-level divisions, the prefectures and counties GDS has verified, and abolished codes
 * that identity numbers still carry (Chongqing's old 51xxxx codes, Beijing's 崇文/宣武). It is complete
 * for provinces only. Load the statistics bureau's full 12-digit list from your own copy with
 * `parseDivisionList` (the bureau holds the copyright, so GDS does not ship it).
 *
 * @example
 * ```ts
 * import { bundledDivisions } from '@gds/schema';
 * bundledDivisions().inForce('500000', '2024-01-01')?.name; // '重庆市'
 * ```
 */
export function bundledDivisions(): DivisionRegistry {
  bundled ??= createDivisionRegistry(decode(DIVISIONS), { complete: ['province'] });
  return bundled;
}

function* decode(data: string): Generator<DivisionEntry> {
  for (const line of data.split('\n')) {
    const [code, name, from, to] = line.split('|') as [string, string, string, string];
    yield { code, name, validFrom: from === '' ? null : from, validTo: to === '' ? null : to };
  }
}
