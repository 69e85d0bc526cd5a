/** Data security class (数据安全法 Art. 21, GB/T 43697-2024): 核心, 重要, 一般. */
export type DataClass = 'core' | 'important' | 'general';
/** Personal information sensitivity (个人信息保护法 Art. 28): none, personal, sensitive. */
export type Sensitivity = 'none' | 'personal' | 'sensitive';
/** Sharing type (国发〔2016〕51号): 无条件共享, 有条件共享, 不予共享. */
export type SharingType = 'unconditional' | 'conditional' | 'none';
/** Masking rule names of the profile; jurisdictions configure what each does in `@gds/policy`. */
export type MaskingRule =
  | 'id-6-4'
  | 'id-3-4'
  | 'phone-3-4'
  | 'name-family'
  | 'address-community'
  | 'date-year-month'
  | 'redact'
  | 'none';

/** The governance and documentation metadata of one field of a standard. */
export interface FieldMeta {
  /** JSON-Pointer-like path; array items are `*`: `/identity/number`, `/contacts/*\/value`. */
  path: string;
  /** The JSON type of the field (`object`, `array`, `string`, …), or `ref:<def>` resolved to its type. */
  type: string;
  required: boolean;
  title: { zh: string; en: string };
  description: { zh: string | null; en: string | null };
  dataClass: DataClass;
  sensitivity: Sensitivity;
  sharing: SharingType;
  /** Authoritative source department (code list `department`). */
  source: string;
  since: string;
  masking: MaskingRule;
  codelist: { list: string; closed: boolean } | null;
  identifier: string | null;
  deprecated: { since: string; replacedBy?: string; description?: string } | null;
}
