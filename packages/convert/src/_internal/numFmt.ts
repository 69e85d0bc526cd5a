/** What a cell's number format says its number is. */
export type NumberKind = 'date' | 'time' | 'elapsed' | 'number';

// Built-in formats that show dates or times (ECMA-376 Part 1, 18.8.30, with the zh-CN codes of ids
// 27-36 and 50-58, which a Chinese Excel writes without a numFmt element).
const BUILTIN: Readonly<Record<number, string>> = {
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/**
 * Classifies a number format by its first section: `date` when it shows a year, month or day (with or
 * without a time), `time` when it shows only hours, minutes or seconds (`hh:mm`, `h:mm:ss AM/PM`),
 * `elapsed` for `[h]:mm:ss` and the like, `number` otherwise.
 */
export function numberKind(numFmtId: number, customCode: string | undefined): NumberKind {
  const code = customCode ?? BUILTIN[numFmtId];
  if (code === undefined) return 'number';
  // Quoted text, escaped characters, fill (`*x`) and padding (`_x`) are literal, not format letters.
  const section = (code.match(/^(?:"[^"]*"|\\.|[^;])*/) ?? [''])[0];
  const literalFree = section.replace(/"[^"]*"/g, '').replace(/\\.|[_*]./g, '');
  if (/\[(?:h+|m+|s+)\]/i.test(literalFree)) return 'elapsed';
  // Colours, conditions and locales in brackets are not format letters either.
  const bare = literalFree.replace(/\[[^\]]*\]/g, '').replace(/General/gi, '');
  if (/[yd]/i.test(bare)) return 'date';
  if (/[hs]/i.test(bare)) return 'time';
  if (/m/i.test(bare.replace(/A\/P|AM\/PM/gi, ''))) return 'date';
  return 'number';
}
