import { readdirSync, readFileSync } from 'node:fs';
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
