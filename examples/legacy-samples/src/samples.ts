import { casesJson } from './cases.js';
import { checkupXml } from './checkup.js';
import { dibaoXlsx } from './dibao.js';
import { populationCsv } from './population.js';
import { township } from './township.js';

/** One generated sample: which mapping it feeds and where it is written under `standards/mappings/`. */
export interface Sample {
  mapping: string;
  /** Path relative to `standards/mappings/`. */
  path: string;
  generate(): Uint8Array;
}

/** The one township the person samples draw their residents from. */
export const TOWNSHIP_SEED = 20240101;

/** Every sample behind an official mapping, with its seed fixed here. */
export const SAMPLES: Sample[] = [
  {
    mapping: 'public-security/population',
    path: 'public-security/golden/population/input.csv',
    generate: () => populationCsv(20240101, township(TOWNSHIP_SEED)),
  },
  {
    mapping: 'civil-affairs/dibao-household',
    path: 'civil-affairs/golden/dibao-household/input.xlsx',
    generate: () => dibaoXlsx(20240301, township(TOWNSHIP_SEED)),
  },
  {
    mapping: 'civil-affairs/dibao-person',
    path: 'civil-affairs/golden/dibao-person/input.xlsx',
    generate: () => dibaoXlsx(20240301, township(TOWNSHIP_SEED)),
  },
  {
    mapping: 'health/elderly-checkup',
    path: 'health/golden/elderly-checkup/input.xml',
    generate: () => checkupXml(20240315, township(TOWNSHIP_SEED)),
  },
  {
    mapping: 'grid/case-export',
    path: 'grid/golden/case-export/input.json',
    generate: () => casesJson(20240401, 15),
  },
];
