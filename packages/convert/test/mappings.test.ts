import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMapping } from '@gds/convert';
import { loadMapping } from '@gds/convert/node';
import { standardsDir } from '@gds/standards/fs';
import Ajv from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

const root = standardsDir();
const schema = JSON.parse(readFileSync(join(root, 'profile', 'mapping.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const files = readdirSync(join(root, 'mappings'))
  .flatMap((dept) => {
    try {
      return readdirSync(join(root, 'mappings', dept))
        .filter((f) => f.endsWith('.mapping.json'))
        .map((f) => `${dept}/${f}`);
    } catch {
      return [];
    }
  })
  .sort();

describe('official mappings', () => {
  it('exist for the four legacy sources of the issue', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'public-security/population.mapping.json',
        'civil-affairs/dibao-household.mapping.json',
        'civil-affairs/dibao-person.mapping.json',
        'health/elderly-checkup.mapping.json',
        'grid/case-export.mapping.json',
      ]),
    );
  });

  it.each(files)(
    '%s follows mapping.schema.json, is named after its id and loads with its crosswalks',
    (file) => {
      const json = JSON.parse(readFileSync(join(root, 'mappings', file), 'utf8'));
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      expect(`${json.id}.mapping.json`).toBe(file);
      expect(parseMapping(json).id).toBe(json.id);
      expect(loadMapping(json.id).mapping.id).toBe(json.id);
    },
  );
});

describe('loadMapping', () => {
  it.each(['constructor', 'toString', '__proto__', 'no-such-list'])(
    'refuses a crosswalk or code list named %s that does not exist (not a member of Object.prototype)',
    (name) => {
      const dir = mkdtempSync(join(tmpdir(), 'gds-mapping-'));
      const write = (field: object) => {
        const file = join(dir, `${name}.mapping.json`);
        const json = {
          id: 'test/proto',
          version: '1.0.0',
          title: { zh: '测试', en: 'test' },
          source: { system: 'test/proto', format: 'csv' },
          target: { standard: 'person', version: 'next' },
          fields: [{ target: 'name', from: 'xm', ...field }],
        };
        writeFileSync(file, JSON.stringify(json));
        return file;
      };
      // A bare name is not a crosswalk id (`<codelist>/<name>`): refused before any lookup.
      expect(() => loadMapping(write({ crosswalk: name }), { root: dir })).toThrow(
        expect.objectContaining({ code: 'GDS_CONVERT_INVALID_MAPPING', pointer: '/fields/0/crosswalk' }),
      );
      expect(() =>
        loadMapping(write({ crosswalk: `sex/${name.toLowerCase().replace(/_/g, '')}` }), { root: dir }),
      ).toThrow(
        expect.objectContaining({ code: 'GDS_CONVERT_UNKNOWN_CROSSWALK', pointer: '/fields/0/crosswalk' }),
      );
      // Looked up like any other code list, so unknown here.
      expect(() =>
        loadMapping(write({ transforms: [{ name: 'codeFromLabel', list: name }] }), { root: dir }),
      ).toThrow(expect.objectContaining({ code: 'GDS_CONVERT_UNKNOWN_CODE_LIST' }));
    },
  );
});
