/** Whether a change keeps existing systems working. */
export type Effect = 'safe' | 'breaking';

/** The semantic-version bump a change requires; `none` only for an empty diff. */
export type Bump = 'major' | 'minor' | 'patch' | 'none';

/**
 * Every kind of change `diffSchemas` reports (a closed union). GDS objects are closed
 * (`additionalProperties: false`), which is what makes adding an optional field safe for writers.
 */
export type ChangeKind =
  | 'field.added_optional'
  | 'field.added_required'
  | 'field.removed_optional'
  | 'field.removed_required'
  | 'field.renamed'
  | 'field.made_required'
  | 'field.made_optional'
  | 'type.widened'
  | 'type.narrowed'
  | 'type.changed'
  | 'enum.value_added'
  | 'enum.value_removed'
  | 'constraint.tightened'
  | 'constraint.loosened'
  | 'constraint.changed'
  | 'codelist.code_added_closed'
  | 'codelist.code_added_open'
  | 'codelist.code_removed_closed'
  | 'codelist.code_removed_open'
  | 'codelist.code_deprecated'
  | 'codelist.code_undeprecated'
  | 'codelist.code_relabelled'
  | 'codelist.closed'
  | 'codelist.opened'
  | 'codelist.bound_closed'
  | 'codelist.bound_open'
  | 'codelist.unbound_closed'
  | 'codelist.unbound_open'
  | 'codelist.replaced'
  | 'governance.sharing_tightened'
  | 'governance.sharing_loosened'
  | 'governance.sensitivity_raised'
  | 'governance.sensitivity_lowered'
  | 'governance.data_class_raised'
  | 'governance.data_class_lowered'
  | 'governance.source_changed'
  | 'governance.masking_changed'
  | 'deprecation.added'
  | 'deprecation.removed'
  | 'content.opened'
  | 'content.closed'
  | 'docs.changed';

/** How one kind of change is classified. */
export interface ChangeRule {
  /**
   * Readers: systems still on the older version that receive records written under the newer one. A change
   * that lets the newer version accept records the older one rejects is breaking for them (FORWARD).
   */
  readers: Effect;
  /**
   * Writers: systems that keep producing records under the older version once consumers move to the newer
   * one. A change that makes the newer version reject records the older one accepted is breaking for them
   * (BACKWARD).
   */
  writers: Effect;
  bump: Exclude<Bump, 'none'>;
  /** The change must be announced to data consumers even when no record breaks (governance, deprecations). */
  notice: boolean;
  zh: string;
  en: string;
}

const r = (
  readers: Effect,
  writers: Effect,
  bump: Exclude<Bump, 'none'>,
  notice: boolean,
  zh: string,
  en: string,
): ChangeRule => ({ readers, writers, bump, notice, zh, en });
const S = 'safe';
const B = 'breaking';

/**
 * The classification of every change kind: effect on readers and writers, the bump, whether consumers must
 * be told. The policy in one table, so the docs, the CLI and the tests read the same rules.
 *
 * - Additions that old records already satisfy are minor (safe for writers, breaking for strict readers of
 *   the closed older version); anything that can reject a record valid under the older version is major.
 * - Governance tightening (sharing, sensitivity, data class) revokes or restricts what consumers may do
 *   with a field they already receive: no record breaks, but it is major and must be announced.
 *
 * @example
 * ```ts
 * import { CHANGE_RULES } from '@gds/kit';
 * CHANGE_RULES['field.added_optional']; // { readers: 'breaking', writers: 'safe', bump: 'minor', … }
 * ```
 */
export const CHANGE_RULES: Readonly<Record<ChangeKind, ChangeRule>> = {
  'field.added_optional': r(B, S, 'minor', false, '新增可选字段', 'optional field added'),
  'field.added_required': r(B, B, 'major', false, '新增必填字段', 'required field added'),
  'field.removed_optional': r(S, B, 'major', false, '删除可选字段', 'optional field removed'),
  'field.removed_required': r(B, B, 'major', false, '删除必填字段', 'required field removed'),
  'field.renamed': r(B, B, 'major', false, '字段改名', 'field renamed'),
  'field.made_required': r(S, B, 'major', false, '字段改为必填', 'field made required'),
  'field.made_optional': r(B, S, 'minor', false, '字段改为可选', 'field made optional'),
  'type.widened': r(B, S, 'minor', false, '类型放宽', 'type widened'),
  'type.narrowed': r(S, B, 'major', false, '类型收窄', 'type narrowed'),
  'type.changed': r(B, B, 'major', false, '类型改变', 'type changed'),
  'enum.value_added': r(B, S, 'minor', false, '枚举新增取值', 'enum value added'),
  'enum.value_removed': r(S, B, 'major', false, '枚举删除取值', 'enum value removed'),
  'constraint.tightened': r(S, B, 'major', false, '约束收紧', 'constraint tightened'),
  'constraint.loosened': r(B, S, 'minor', false, '约束放宽', 'constraint loosened'),
  'constraint.changed': r(B, B, 'major', false, '约束改变', 'constraint changed'),
  'codelist.code_added_closed': r(
    B,
    S,
    'minor',
    false,
    '封闭代码表新增代码',
    'code added to a closed code list',
  ),
  'codelist.code_added_open': r(
    S,
    S,
    'minor',
    false,
    '开放代码表新增代码',
    'code added to an open code list',
  ),
  'codelist.code_removed_closed': r(
    S,
    B,
    'major',
    false,
    '封闭代码表删除代码',
    'code removed from a closed code list',
  ),
  'codelist.code_removed_open': r(
    S,
    S,
    'minor',
    true,
    '开放代码表删除代码',
    'code removed from an open code list',
  ),
  'codelist.code_deprecated': r(S, S, 'minor', true, '代码废止', 'code deprecated'),
  'codelist.code_undeprecated': r(S, S, 'minor', false, '代码恢复使用', 'code no longer deprecated'),
  'codelist.code_relabelled': r(S, S, 'patch', false, '代码名称修改', 'code relabelled'),
  'codelist.closed': r(S, B, 'major', false, '代码表由开放改为封闭', 'code list closed'),
  'codelist.opened': r(B, S, 'minor', false, '代码表由封闭改为开放', 'code list opened'),
  'codelist.bound_closed': r(S, B, 'major', false, '字段绑定封闭代码表', 'field bound to a closed code list'),
  'codelist.bound_open': r(S, S, 'minor', false, '字段绑定开放代码表', 'field bound to an open code list'),
  'codelist.unbound_closed': r(
    B,
    S,
    'minor',
    false,
    '字段解除封闭代码表绑定',
    'field unbound from its closed code list',
  ),
  'codelist.unbound_open': r(
    S,
    S,
    'minor',
    false,
    '字段解除开放代码表绑定',
    'field unbound from its open code list',
  ),
  'codelist.replaced': r(B, B, 'major', false, '字段改用另一代码表', 'field bound to another code list'),
  'governance.sharing_tightened': r(B, S, 'major', true, '共享类型收紧', 'sharing type tightened'),
  'governance.sharing_loosened': r(S, S, 'minor', true, '共享类型放宽', 'sharing type loosened'),
  'governance.sensitivity_raised': r(B, S, 'major', true, '个人信息敏感程度提高', 'sensitivity raised'),
  'governance.sensitivity_lowered': r(S, S, 'minor', true, '个人信息敏感程度降低', 'sensitivity lowered'),
  'governance.data_class_raised': r(B, S, 'major', true, '数据分级提高', 'data class raised'),
  'governance.data_class_lowered': r(S, S, 'minor', true, '数据分级降低', 'data class lowered'),
  'governance.source_changed': r(S, S, 'minor', true, '数源部门改变', 'source department changed'),
  'governance.masking_changed': r(S, S, 'minor', true, '脱敏规则改变', 'masking rule changed'),
  'deprecation.added': r(S, S, 'minor', true, '字段废止', 'field deprecated'),
  'deprecation.removed': r(S, S, 'patch', false, '字段取消废止', 'field no longer deprecated'),
  'content.opened': r(B, S, 'minor', false, '对象改为开放内容模型', 'object opened to unknown properties'),
  'content.closed': r(S, B, 'major', false, '对象改为封闭内容模型', 'object closed to unknown properties'),
  'docs.changed': r(S, S, 'patch', false, '说明文字修改', 'documentation changed'),
};
