import type { CatalogueEntries } from './entry.js';

/**
 * Issues raised by the structural keywords of the GDS profile (a subset of JSON Schema 2020-12).
 * Each code is named after the keyword that raised it, so a report maps one-to-one onto the schema.
 */
export const structureIssues = {
  'field.deprecated': {
    severity: 'warning',
    zh: '字段 {property} 自 {since} 版起已弃用，请改用 {replacedBy}',
    en: 'Field {property} is deprecated since {since}; use {replacedBy} instead',
  },
  json_syntax: {
    severity: 'error',
    zh: '不是有效的 JSON：{detail}',
    en: 'Not valid JSON: {detail}',
  },
  required: {
    severity: 'error',
    zh: '缺少必填字段 {property}',
    en: 'Missing required field {property}',
  },
  type: {
    severity: 'error',
    zh: '类型错误：应为 {expected}，实际为 {received}',
    en: 'Wrong type: expected {expected}, received {received}',
  },
  additional_property: {
    severity: 'error',
    zh: '标准未定义字段 {property}',
    en: 'Field {property} is not defined by the standard',
  },
  min_length: {
    severity: 'error',
    zh: '长度不能少于 {limit} 个字符',
    en: 'Must have at least {limit} characters',
  },
  max_length: {
    severity: 'error',
    zh: '长度不能超过 {limit} 个字符',
    en: 'Must have at most {limit} characters',
  },
  pattern: {
    severity: 'error',
    zh: '格式不符合要求（{pattern}）',
    en: 'Does not match the required pattern ({pattern})',
  },
  format: {
    severity: 'error',
    zh: '不是有效的 {format}',
    en: 'Not a valid {format}',
  },
  enum: {
    severity: 'error',
    zh: '取值必须是以下之一：{allowed}',
    en: 'Must be one of: {allowed}',
  },
  const: {
    severity: 'error',
    zh: '取值必须是 {expected}',
    en: 'Must be {expected}',
  },
  minimum: {
    severity: 'error',
    zh: '不能小于 {limit}',
    en: 'Must be at least {limit}',
  },
  maximum: {
    severity: 'error',
    zh: '不能大于 {limit}',
    en: 'Must be at most {limit}',
  },
  exclusive_minimum: {
    severity: 'error',
    zh: '必须大于 {limit}',
    en: 'Must be greater than {limit}',
  },
  exclusive_maximum: {
    severity: 'error',
    zh: '必须小于 {limit}',
    en: 'Must be less than {limit}',
  },
  min_items: {
    severity: 'error',
    zh: '至少需要 {limit} 项',
    en: 'Must have at least {limit} items',
  },
  max_items: {
    severity: 'error',
    zh: '最多允许 {limit} 项',
    en: 'Must have at most {limit} items',
  },
  unique_items: {
    severity: 'error',
    zh: '第 {first} 项与第 {second} 项重复',
    en: 'Items {first} and {second} are duplicates',
  },
} as const satisfies CatalogueEntries;
