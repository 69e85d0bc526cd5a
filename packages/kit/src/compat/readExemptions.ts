import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type StandardsLocation, standardsDir } from '@gds/standards/fs';
import { isObject } from '../_internal/fields.js';
import { GdsKitError } from '../errors.js';
import { CHANGE_RULES, type ChangeKind } from './changeRules.js';

/**
 * A recorded decision to accept one intentional incompatible change: which change (entity, kind, path,
 * optionally against which released version), why, and who approved it. Kept in
 * `standards/compat/exemptions.json`, reviewed like any other change to the standard.
 */
export interface Exemption {
  entity: string;
  kind: ChangeKind;
  path: string;
  /** Limit the exemption to the comparison with this released version; all of them when absent. */
  against?: string;
  reason: string;
  approver: string;
  /** When it was approved (ISO date), for the record. */
  date?: string;
}

/**
 * Where the exemptions file lives: `<standards>/compat/exemptions.json`.
 *
 * @example
 * ```ts
 * import { exemptionsPath } from '@gds/kit';
 * exemptionsPath(); // '/…/standards/compat/exemptions.json'
 * ```
 */
export function exemptionsPath(location: StandardsLocation = {}): string {
  return join(location.root ?? standardsDir(), 'compat', 'exemptions.json');
}

/**
 * Reads and checks the exemptions file (`{ "exemptions": [ … ] }`); a missing file means none. Every
 * exemption must name a known change kind, a reason and an approver: an unexplained or unapproved
 * exemption is refused (`GDS_KIT_INVALID_EXEMPTIONS`), since it is the only way a breaking change passes.
 *
 * @example
 * ```ts
 * import { readExemptions } from '@gds/kit';
 * readExemptions().filter((e) => e.entity === 'person');
 * ```
 */
export function readExemptions(location: StandardsLocation = {}): Exemption[] {
  const file = exemptionsPath(location);
  if (!existsSync(file)) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new GdsKitError(
      'GDS_KIT_INVALID_EXEMPTIONS',
      `${file} 不是合法的 JSON`,
      `${file} is not valid JSON`,
      { cause },
    );
  }
  const list = isObject(doc) ? doc.exemptions : undefined;
  if (!Array.isArray(list)) {
    throw new GdsKitError(
      'GDS_KIT_INVALID_EXEMPTIONS',
      `${file} 缺少 exemptions 数组`,
      `${file}: missing the exemptions array`,
    );
  }
  return list.map((e, i) => {
    const where = `${file} #${i + 1}`;
    if (!isObject(e))
      throw new GdsKitError('GDS_KIT_INVALID_EXEMPTIONS', `${where} 不是对象`, `${where} is not an object`);
    for (const key of ['entity', 'kind', 'path', 'reason', 'approver'] as const) {
      if (typeof e[key] !== 'string' || (key !== 'path' && (e[key] as string).trim() === '')) {
        throw new GdsKitError(
          'GDS_KIT_INVALID_EXEMPTIONS',
          `${where} 缺少 ${key}`,
          `${where}: missing ${key}`,
        );
      }
    }
    if (!((e.kind as string) in CHANGE_RULES)) {
      throw new GdsKitError(
        'GDS_KIT_INVALID_EXEMPTIONS',
        `${where} 变更类型 ${String(e.kind)} 未知`,
        `${where}: unknown change kind ${String(e.kind)}`,
      );
    }
    return e as unknown as Exemption;
  });
}
