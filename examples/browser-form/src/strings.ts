import type { Locale } from '@gds/schema';

/**
 * The page's own words. Field labels, hints, code-list labels and issue messages are not here: they come
 * from @gds/schema (`person.fields`, `validate(…, { locale })`) and the standard's code lists.
 */
export const STRINGS = {
  'zh-CN': {
    intro: '在浏览器中用 @gds/schema 的同一校验器检查实有人口记录；每个问题显示在对应字段下方。',
    basic: '基本信息',
    record: '记录',
    choose: '请选择',
    required: '必填',
    submit: '校验',
    toggle: 'English',
    recordJson: '将要校验的记录（JSON）',
    valid: (standard: string) => `记录符合标准 ${standard}。`,
    invalid: (n: number) => `记录有 ${n} 个错误，请按字段下方的提示修改。`,
    pending: (n: number) => `另有 ${n} 个问题位于尚未填写的字段，点击“校验”后显示。`,
    unplaced: '以下问题不对应表单中的任何字段：',
  },
  en: {
    intro:
      'Checks a resident record in the browser with the same @gds/schema validator; each issue is shown under its field.',
    basic: 'Basic facts',
    record: 'Record',
    choose: 'Choose',
    required: 'required',
    submit: 'Check',
    toggle: '中文',
    recordJson: 'The record being checked (JSON)',
    valid: (standard: string) => `The record conforms to ${standard}.`,
    invalid: (n: number) => `The record has ${n} error(s); see the messages under the fields.`,
    pending: (n: number) => `${n} more issue(s) concern fields not filled in yet; press “Check” to see them.`,
    unplaced: 'These issues concern no field of the form:',
  },
} satisfies Record<Locale, unknown>;

/**
 * Labels of the contact kinds. The standard declares `contact.kind` as a bare enum with no code list, so
 * it has no labels to read; the codes themselves come from the schema.
 */
export const CONTACT_KIND_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  mobile: { zh: '手机', en: 'Mobile' },
  landline: { zh: '固定电话', en: 'Landline' },
  email: { zh: '电子邮箱', en: 'Email' },
  other: { zh: '其他', en: 'Other' },
};
