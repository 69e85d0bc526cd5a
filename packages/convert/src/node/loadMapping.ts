import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CodeListEntry } from '@gds/standards';
import { readCodeList, standardsDir } from '@gds/standards/fs';
import type { CheckMappingOptions } from '../checkMapping.js';
import { type Crosswalk, parseCrosswalk } from '../crosswalk.js';
import { GdsConvertError } from '../errors.js';
import { type FieldRule, type Mapping, parseMapping } from '../mapping.js';

/** A mapping with everything it refers to, ready for `createConverter` / `createExporter`. */
export interface LoadedMapping {
  mapping: Mapping;
  /** Where the mapping file was read from. */
  path: string;
  crosswalks: Record<string, Crosswalk>;
  codeLists: Record<string, readonly CodeListEntry[]>;
}

/**
 * Loads a mapping by id (`public-security/population`, read from `standards/mappings/<id>.mapping.json`)
 * or by file path, with the crosswalks (`standards/crosswalks/<id>.csv`) and code lists it uses. The file
 * is checked with `checkMapping` first (schema, targets in the standard, columns, transforms, crosswalks
 * and code lists on disk): a mapping with a problem is refused with its JSON pointer, never half-used.
 * `check` passes a standard's fields (or `null`) and transforms of your own to that check.
 *
 * Subpath: `@gds/convert/node`.
 *
 * @example
 * ```ts
 * import { loadMapping } from '@gds/convert/node';
 * import { createConverter } from '@gds/convert';
 * const { mapping, crosswalks, codeLists } = loadMapping('public-security/population');
 * const converter = createConverter(mapping, { crosswalks, codeLists });
 * ```
 */
export function loadMapping(
  idOrPath: string,
  options: { root?: string; cwd?: string; check?: Pick<CheckMappingOptions, 'standard' | 'transforms'> } = {},
): LoadedMapping {
  const root = options.root ?? standardsDir();
  const asPath = resolve(options.cwd ?? process.cwd(), idOrPath);
  const path =
    idOrPath.endsWith('.json') && existsSync(asPath)
      ? asPath
      : join(root, 'mappings', `${idOrPath}.mapping.json`);
  if (!existsSync(path)) {
    throw new GdsConvertError(
      'GDS_CONVERT_UNKNOWN_MAPPING',
      `找不到映射 ${idOrPath}`,
      `no mapping ${idOrPath} (looked for ${path})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new GdsConvertError(
      'GDS_CONVERT_INVALID_MAPPING',
      `映射文件 ${path} 不是有效的 JSON`,
      `mapping file ${path} is not valid JSON`,
      {
        cause,
      },
    );
  }
  // Crosswalk and code list ids are checked against the pattern of the schema before they name a file.
  const mapping = parseMapping(json, {
    ...options.check,
    hasCrosswalk: (id) => existsSync(join(root, 'crosswalks', `${id}.csv`)),
    hasCodeList: (id) => /^[a-z0-9-]+$/.test(id) && existsSync(join(root, 'codelists', `${id}.csv`)),
  });
  // Null-prototype tables: a crosswalk or code list named `constructor` or `__proto__` is looked up as data.
  const crosswalks: Record<string, Crosswalk> = Object.create(null);
  const codeLists: Record<string, readonly CodeListEntry[]> = Object.create(null);
  const all: FieldRule[] = [];
  const collect = (fields: readonly FieldRule[]) => {
    for (const f of fields) {
      all.push(f);
      if (f.each) collect(f.each.fields);
    }
  };
  collect(mapping.fields);
  if (mapping.group) collect(mapping.group.fields);
  for (const f of all) {
    if (f.crosswalk && !crosswalks[f.crosswalk]) {
      const file = join(root, 'crosswalks', `${f.crosswalk}.csv`);
      if (!existsSync(file)) {
        throw new GdsConvertError(
          'GDS_CONVERT_UNKNOWN_CROSSWALK',
          `映射 ${mapping.id} 需要的对照表 ${f.crosswalk} 不存在`,
          `crosswalk ${f.crosswalk} used by mapping ${mapping.id} does not exist (${file})`,
        );
      }
      crosswalks[f.crosswalk] = parseCrosswalk(f.crosswalk, readFileSync(file, 'utf8'));
    }
    for (const t of f.transforms ?? []) {
      if (
        typeof t === 'object' &&
        t.name === 'codeFromLabel' &&
        typeof t.list === 'string' &&
        !codeLists[t.list]
      ) {
        if (!existsSync(join(root, 'codelists', `${t.list}.csv`))) {
          throw new GdsConvertError(
            'GDS_CONVERT_UNKNOWN_CODE_LIST',
            `映射 ${mapping.id} 需要的代码表 ${t.list} 不存在`,
            `code list ${t.list} used by mapping ${mapping.id} does not exist`,
          );
        }
        codeLists[t.list] = readCodeList(t.list, { root }).entries;
      }
    }
  }
  return { mapping, path, crosswalks, codeLists };
}
