import type { CatalogueEntries } from './entry.js';

/**
 * Issues raised by `@gds/convert` while reading legacy files, applying a mapping's transforms and
 * crosswalks, and reconciling rows. Each carries the source position (file, sheet, row, column, raw value).
 */
export const convertIssues = {
  'encoding.undecodable': {
    severity: 'error',
    zh: '第 {byteOffset} 字节起的 {bytes} 不是有效的 {encoding} 编码',
    en: 'Bytes {bytes} at byte offset {byteOffset} are not valid {encoding}',
  },
  'encoding.mixed': {
    severity: 'warning',
    zh: '文件声明为 {declared}，但内容是 {detected} 编码，已按 {detected} 读取',
    en: 'The file was declared {declared} but its content is {detected}; it was read as {detected}',
  },
  'source.excel_mangled_id': {
    severity: 'error',
    zh: '身份证号 {value} 已被 Excel 转成数字并丢失末位，请从原始系统重新导出，不能自动修复',
    en: 'Identity number {value} was turned into a number by Excel and lost its last digits; re-export it from the source system, it cannot be repaired',
  },
  'source.excel_mangled_number': {
    severity: 'error',
    zh: '数值 {value} 超过 Excel 保存的 15 位有效数字，末几位已丢失；请在原始系统中把该列作为文本重新导出，不能自动修复',
    en: 'The number {value} has more than the 15 significant digits Excel keeps, so its last digits are lost; re-export the column as text from the source system, it cannot be repaired',
  },
  'source.missing_column': {
    severity: 'error',
    zh: '文件中没有映射要求的列 {column}',
    en: 'The file has no column {column}, which the mapping reads',
  },
  'source.unused_column': {
    severity: 'warning',
    zh: '列 {column} 未被映射使用，其内容不会进入标准数据',
    en: 'Column {column} is not used by the mapping; its content is not converted',
  },
  'source.invalid_record': {
    severity: 'error',
    zh: '记录无法解析：{reason}',
    en: 'The record cannot be parsed: {reason}',
  },
  'source.no_records': {
    severity: 'error',
    zh: '按映射的 {expected} 在文件中没有找到任何记录',
    en: 'No records were found where the mapping expects them ({expected})',
  },
  'source.header_not_found': {
    severity: 'error',
    zh: '工作表 {sheet} 第 {row} 行不是表头：映射读取的列在第 {found} 行；请把映射的 source.headerRow 改为 {found}，未读取任何记录',
    en: 'Row {row} of sheet {sheet} is not the header: the columns the mapping reads are in row {found}; set the mapping source.headerRow to {found}. No record was read',
  },
  'source.record_too_large': {
    severity: 'error',
    zh: '该记录长 {bytes} 字节，超过上限 {limit} 字节，未读取',
    en: 'The record is {bytes} bytes long, over the limit of {limit} bytes; it was not read',
  },
  'csv.bare_quote': {
    severity: 'warning',
    zh: '未加引号的字段 {value} 中有引号，已按原文保留',
    en: 'The unquoted field {value} contains a quote; it was kept as written',
  },
  'csv.text_after_quote': {
    severity: 'error',
    zh: '字段 {value} 的闭合引号后还有文字，无法确定原值',
    en: 'Text follows the closing quote in field {value}; its intended value is ambiguous',
  },
  'csv.bare_cr': {
    severity: 'error',
    zh: '未加引号的字段中有单独的回车符（CR），可能是断开的换行',
    en: 'A bare carriage return (CR) inside an unquoted field; it may be a broken line break',
  },
  'csv.unterminated_quote': {
    severity: 'error',
    zh: '引号未闭合，该字段一直延续到文件末尾',
    en: 'A quoted field is not closed and runs to the end of the file',
  },
  'xlsx.formula_without_value': {
    severity: 'error',
    zh: '单元格是公式 {formula}，但文件中没有它的计算结果（由程序生成、未经 Excel 保存）；请在 Excel 中打开并保存后再转换',
    en: 'The cell holds the formula {formula} but the file has no computed value for it (written by a program, never saved by Excel); open and save it in Excel, then convert again',
  },
  'xlsx.escaped_character': {
    severity: 'warning',
    zh: '单元格含 XML 不能直接承载的字符 {char}，已按 OOXML 规则写成 {escape}：Excel 与 GDS 读回原字符，其他程序可能原样显示 {escape}',
    en: 'The cell holds {char}, which XML cannot carry; it was written as the OOXML escape {escape}: Excel and GDS read the character back, other programs may show {escape} as text',
  },
  'row.ragged': {
    severity: 'error',
    zh: '该行有 {count} 列，表头有 {expected} 列',
    en: 'The row has {count} cells; the header has {expected}',
  },
  'row.duplicate_key': {
    severity: 'error',
    zh: '键 {key} 与第 {firstRow} 行重复，未合并',
    en: 'Key {key} repeats row {firstRow}; the rows were not merged',
  },
  'row.id_collision': {
    severity: 'error',
    zh: '记录标识 {id} 与第 {firstRow} 行相同，但键值不同',
    en: 'Record id {id} equals that of row {firstRow} although the keys differ',
  },
  'row.filtered': {
    severity: 'warning',
    zh: '该行被映射的过滤条件 {filter} 排除',
    en: 'The row was excluded by the mapping filter {filter}',
  },
  'transform.invalid_date': {
    severity: 'error',
    zh: '无法识别的日期 {value}',
    en: 'Unrecognised date {value}',
  },
  'transform.invalid_number': {
    severity: 'error',
    zh: '无法识别的数值 {value}',
    en: 'Unrecognised number {value}',
  },
  'transform.no_match': {
    severity: 'error',
    zh: '{value} 不符合提取规则 {pattern}',
    en: '{value} does not match the extraction pattern {pattern}',
  },
  'transform.unknown_label': {
    severity: 'error',
    zh: '代码表 {list} 中没有名称或代码 {value}',
    en: 'Code list {list} has no label or code {value}',
  },
  'transform.id_upgraded': {
    severity: 'warning',
    zh: '15 位身份证号 {value} 已升级为 18 位 {upgraded}',
    en: 'The 15-digit identity number {value} was upgraded to the 18-digit {upgraded}',
  },
  'transform.not_exportable': {
    severity: 'warning',
    zh: '字段 {field} 的转换 {transform} 没有逆转换，导出时留空',
    en: 'Transform {transform} of field {field} has no inverse; the column is left empty on export',
  },
  'crosswalk.narrower': {
    severity: 'warning',
    zh: '旧代码 {value} 的含义窄于标准代码 {code}（对照表 {crosswalk}），转换会丢失细节',
    en: 'Legacy code {value} is narrower than standard code {code} (crosswalk {crosswalk}); detail is lost',
  },
  'crosswalk.unmapped': {
    severity: 'error',
    zh: '旧代码 {value} 在对照表 {crosswalk} 中没有对应的标准代码',
    en: 'Legacy code {value} has no standard code in crosswalk {crosswalk}',
  },
  'crosswalk.unknown_value': {
    severity: 'error',
    zh: '值 {value} 不在对照表 {crosswalk} 中',
    en: 'Value {value} is not in crosswalk {crosswalk}',
  },
} as const satisfies CatalogueEntries;
