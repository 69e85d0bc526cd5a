/**
 * The first two digits of every province-level GB/T 2260 code (31 provinces, autonomous regions and
 * municipalities, plus 71 Taiwan, 81 Hong Kong, 82 Macao), and 83, which the residence permits of
 * Taiwan residents use (830000) in a GB 11643 structured number. Hainan (46) exists since 1988 and
 * Chongqing (50) since 1997; no province code has been withdrawn, so the set holds for every date.
 */
export const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);
