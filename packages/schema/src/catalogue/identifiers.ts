import type { CatalogueEntries } from './entry.js';

/**
 * Issues raised by identifier rules (`x-gds-identifier`) and by object-level rules (`x-gds-rules`):
 * cross-field agreement, household heads, case lifecycles, geometry, periods, unique values.
 */
export const identifierIssues = {
  'id_card.length': {
    severity: 'error',
    zh: '公民身份号码应为 18 位',
    en: 'A citizen identity number has 18 characters',
  },
  'id_card.charset': {
    severity: 'error',
    zh: '公民身份号码只能包含数字，最后一位可为 X',
    en: 'A citizen identity number has digits only, the last may be X',
  },
  'id_card.check_digit': {
    severity: 'error',
    zh: '公民身份号码校验码错误：应为 {expected}，实际为 {actual}',
    en: 'Wrong check character in the citizen identity number: expected {expected}, found {actual}',
  },
  'id_card.birth_date': {
    severity: 'error',
    zh: '公民身份号码中的出生日期 {date} 不是有效日期',
    en: 'The birth date {date} inside the citizen identity number is not a real date',
  },
  'id_card.future_birth_date': {
    severity: 'error',
    zh: '公民身份号码中的出生日期 {date} 晚于当前日期',
    en: 'The birth date {date} inside the citizen identity number is in the future',
  },
  'id_card.lowercase_x': {
    severity: 'warning',
    zh: '公民身份号码末位小写 x 已规范为大写 X',
    en: 'The lower-case x at the end of the citizen identity number was normalised to X',
  },
  'id_card.birth_date_mismatch': {
    severity: 'error',
    zh: '出生日期 {birthDate} 与公民身份号码中的 {idBirthDate} 不一致',
    en: 'Birth date {birthDate} disagrees with {idBirthDate} inside the citizen identity number',
  },
  'id_card.sex_mismatch': {
    severity: 'error',
    zh: '性别 {sex} 与公民身份号码顺序码表示的性别 {idSex} 不一致',
    en: 'Sex {sex} disagrees with the sex {idSex} given by the identity number’s sequence digit',
  },
  'id_card.legacy_15': {
    severity: 'error',
    zh: '15 位公民身份号码（GB 11643-1989）须升级为 18 位：{upgraded}',
    en: 'A 15-digit identity number (GB 11643-1989) must be upgraded to 18 characters: {upgraded}',
  },
  'id_card.address_code': {
    severity: 'error',
    zh: '公民身份号码的地址码 {code} 不属于任何省级行政区划',
    en: 'The address code {code} of the citizen identity number belongs to no province-level division',
  },
  'credit_code.length': {
    severity: 'error',
    zh: '统一社会信用代码应为 18 位',
    en: 'A unified social credit code has 18 characters',
  },
  'credit_code.charset': {
    severity: 'error',
    zh: '统一社会信用代码含有不允许的字符 {chars}（不使用 I、O、Z、S、V）',
    en: 'The unified social credit code contains characters not allowed: {chars} (I, O, Z, S, V are never used)',
  },
  'credit_code.check_char': {
    severity: 'error',
    zh: '统一社会信用代码校验码错误：应为 {expected}，实际为 {actual}',
    en: 'Wrong check character in the unified social credit code: expected {expected}, found {actual}',
  },
  'credit_code.org_code_check': {
    severity: 'error',
    zh: '统一社会信用代码中的组织机构代码 {orgCode} 校验码错误：应为 {expected}，实际为 {actual}',
    en: 'The organisation code {orgCode} inside the unified social credit code has a wrong check character: expected {expected}, found {actual}',
  },
  'credit_code.authority': {
    severity: 'error',
    zh: '统一社会信用代码的登记管理部门代码 {authority} 不存在',
    en: 'Registration authority code {authority} of the unified social credit code does not exist',
  },
  'credit_code.category': {
    severity: 'warning',
    zh: '登记管理部门 {authority} 下的机构类别代码 {category} 不在已知类别表中，请核对（该表未经权威核实）',
    en: 'Institution category {category} is not among the known categories of authority {authority}; please check it (the table is not verified against an official source)',
  },
  'credit_code.division': {
    severity: 'error',
    zh: '统一社会信用代码中的登记管理机关行政区划码 {code} 不属于任何省级行政区划',
    en: 'The division code {code} of the registering authority inside the credit code belongs to no province-level division',
  },
  'division.format': {
    severity: 'error',
    zh: '行政区划代码应为 6 位（GB/T 2260）或 12 位（统计用区划代码）数字',
    en: 'A division code has 6 digits (GB/T 2260) or 12 digits (statistics division code)',
  },
  'division.unknown': {
    severity: 'error',
    zh: '行政区划代码 {code} 不存在',
    en: 'Division code {code} does not exist',
  },
  'division.not_in_force': {
    severity: 'error',
    zh: '行政区划代码 {code}（{name}）在 {date} 不在使用期内（有效期 {validFrom} 至 {validTo}）',
    en: 'Division code {code} ({name}) is not in force on {date} (valid {validFrom} to {validTo})',
  },
  'phone.mobile': {
    severity: 'error',
    zh: '手机号码应为 1 开头的 11 位数字，第二位为 3 至 9',
    en: 'A mobile number has 11 digits starting with 1, the second digit 3 to 9',
  },
  'phone.landline': {
    severity: 'error',
    zh: '固定电话应为区号加号码，如 010-62345678、0571-8765432，可带分机号',
    en: 'A landline number is an area code and a number, e.g. 010-62345678 or 0571-8765432, optionally with an extension',
  },
  'phone.format': {
    severity: 'error',
    zh: '电话号码既不是手机号码也不是固定电话号码',
    en: 'The phone number is neither a mobile nor a landline number',
  },
  'postal_code.format': {
    severity: 'error',
    zh: '邮政编码应为 6 位数字',
    en: 'A postal code has 6 digits',
  },
  'identity_document.number_format': {
    severity: 'warning',
    zh: '{type} 号码 {number} 不符合常见格式，请核对（该证件号码格式未经权威核实，仅作提示）',
    en: 'The {type} number {number} does not match the usual format; please check it (the format is not verified against an official source, so this is a warning)',
  },
  'identity_document.check_character': {
    severity: 'warning',
    zh: '{type} 号码 {number} 的校验码应为 {expected}（MOD 11-2），请核对',
    en: 'The {type} number {number} should end in the check character {expected} (MOD 11-2); please check it',
  },
  'identity_document.region_code': {
    severity: 'warning',
    zh: '港澳台居民居住证号码应以 810000（香港）、820000（澳门）或 830000（台湾）开头，实际为 {code}',
    en: 'A Hong Kong, Macao or Taiwan residence permit number starts with 810000, 820000 or 830000, found {code}',
  },
  'organization.kind_mismatch': {
    severity: 'error',
    zh: '单位类别 {kind} 与统一社会信用代码前两位 {expected} 不一致',
    en: 'Organisation kind {kind} disagrees with {expected}, the first two characters of its credit code',
  },
  'household.no_head': {
    severity: 'error',
    zh: '家庭户须有且只有一名户主（与户主关系代码 02），当前没有',
    en: 'A family household has exactly one head (relationship code 02); this one has none',
  },
  'household.multiple_heads': {
    severity: 'error',
    zh: '户内只能有一名户主（与户主关系代码 02），当前有 {count} 名',
    en: 'A household has at most one head (relationship code 02); this one has {count}',
  },
  'case.first_action': {
    severity: 'error',
    zh: '工单流转记录须以“受理”（accept）开始，实际为“{actionZh}”（{action}）',
    en: 'A case history starts with accept (受理); it starts with {action}',
  },
  'case.invalid_transition': {
    severity: 'error',
    zh: '工单处于“{stateZh}”（{state}）状态时不能执行“{actionZh}”（{action}）',
    en: 'Action {action} is not possible while the case is {state}',
  },
  'case.history_order': {
    severity: 'error',
    zh: '工单流转记录时间倒序：{at} 早于前一步的 {previous}',
    en: 'The case history goes back in time: {at} is before the previous step at {previous}',
  },
  'case.status_mismatch': {
    severity: 'error',
    zh: '工单状态“{statusZh}”（{status}）与流转记录得出的状态“{expectedZh}”（{expected}）不一致',
    en: 'Case status {status} disagrees with {expected}, the state its history leads to',
  },
  'geometry.ring_not_closed': {
    severity: 'error',
    zh: '多边形第 {ring} 个环未闭合：首尾坐标必须相同',
    en: 'Ring {ring} of the polygon is not closed: its first and last positions must be equal',
  },
  'geometry.ring_too_short': {
    severity: 'error',
    zh: '多边形第 {ring} 个环至少需要 4 个坐标（含闭合点）',
    en: 'Ring {ring} of the polygon needs at least 4 positions (the closing one included)',
  },
  'geometry.coordinate_range': {
    severity: 'error',
    zh: '坐标 [{longitude}, {latitude}] 超出经度 -180～180、纬度 -90～90 的范围',
    en: 'Position [{longitude}, {latitude}] is outside longitude -180..180, latitude -90..90',
  },
  'period.end_before_start': {
    severity: 'error',
    zh: '结束日期 {end} 早于开始日期 {start}',
    en: 'End {end} is before start {start}',
  },
  duplicate_value: {
    severity: 'error',
    zh: '{value} 重复出现（第 {first} 项与第 {second} 项）',
    en: '{value} occurs twice (items {first} and {second})',
  },
} as const satisfies CatalogueEntries;
