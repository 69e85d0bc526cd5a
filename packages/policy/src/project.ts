import type { KeyResolver, Suite } from '@gds/crypto';
import { createReceipt, hashRecord, type Log, type Receipt } from '@gds/ledger';
import type { FieldMeta, MaskingRule, SharingType } from '@gds/schema';
import { buildFieldTree, covers, type FieldNode, isLeaf, isPlainObject } from './_internal/fieldTree.js';
import { randomId, toIso, toMillis } from './_internal/time.js';
import { createMaskingRules, type MaskingRules } from './createMaskingRules.js';
import type { DisclosedField, Disclosure } from './Disclosure.js';
import { GdsPolicyError } from './errors.js';
import type { Grant, GrantForm } from './Grant.js';
import { type GrantCheck, type GrantRefusalCode, verifyGrant } from './verifyGrant.js';

/**
 * Why a field was kept, masked or dropped. A closed union: the sharing type decided
 * (`sharing.*`), a grant did (`grant.clear`, `grant.masked`), a grant was missing or did not fit
 * (`grant.missing`, `grant.field_not_covered`, `grant.wrong_purpose`, `grant.not_authoritative`), a grant
 * claiming the field was refused (a {@link GrantRefusalCode}), the field has no masked form
 * (`masking.no_rule`, `masking.not_applicable`), or the field is not in the standard.
 *
 * @example
 * ```ts
 * import type { DecisionReason } from '@gds/policy';
 * const r: DecisionReason = 'grant.wrong_purpose';
 * ```
 */
export type DecisionReason =
  | 'sharing.unconditional'
  | 'sharing.none'
  | 'grant.clear'
  | 'grant.masked'
  | 'grant.missing'
  | 'grant.field_not_covered'
  | 'grant.wrong_purpose'
  | 'grant.not_authoritative'
  | GrantRefusalCode
  | 'masking.no_rule'
  | 'masking.not_applicable'
  | 'not_in_standard';

/**
 * The explanation of one field of a projection: what the requester got and why.
 *
 * @example
 * ```ts
 * import type { FieldDecision } from '@gds/policy';
 * function line(d: FieldDecision) { return `${d.path} ${d.outcome} ${d.reason} ${d.messageEn}`; }
 * ```
 */
export interface FieldDecision {
  path: string;
  outcome: 'clear' | 'masked' | 'dropped';
  reason: DecisionReason;
  /** The field's sharing type (`undefined` for a field not in the standard). */
  sharing?: SharingType;
  /** The masking rule applied (masked) or that would have been (dropped for want of a masked form). */
  rule?: MaskingRule;
  /** The grant that allowed the field, or that was refused, did not cover it or had another purpose. */
  grant?: string;
  message: string;
  messageZh: string;
  messageEn: string;
}

/**
 * Options of {@link project}.
 *
 * @example
 * ```ts
 * import type { ProjectOptions } from '@gds/policy';
 * import { person } from '@gds/schema';
 * const o: ProjectOptions = { standard: person, requester: { department: 'health', purpose: 'follow-up' },
 *   grants: [grantEnvelope], keys: keyring, ledger: log };
 * ```
 */
export interface ProjectOptions {
  /** The records' standard: its entity, version and field metadata (a `Standard` of `@gds/schema`). */
  standard: { entity: string; version: string; fields: readonly FieldMeta[] };
  /** Who asks, and for what. */
  requester: { department: string; purpose: string };
  /** The grants the requester presents: signed envelopes, verified here before use. */
  grants?: readonly unknown[];
  /** Where the grantors' keys are looked up. */
  keys: KeyResolver;
  /** Signed grant revocations known to the sharing platform. */
  revocations?: readonly unknown[];
  suites?: Suite[];
  /** The jurisdiction's masking rules (default {@link createMaskingRules}`()`). */
  masking?: MaskingRules;
  /**
   * Departments whose grants count for any field (default `['data-administration']`, the data
   * administration bureau that approves sharing). Other grantors grant only fields they are the
   * authoritative source of.
   */
  authorities?: readonly string[];
  /** The log the disclosure is appended to. It must sign checkpoints (a `Log` with a signer). */
  ledger: Log;
  /** The id of a record in the disclosure (default: `id`, `creditCode`, `code`, `householdNumber`, else a hash). */
  recordId?: (record: Record<string, unknown>) => string;
  /** Time of the projection and of grant validity; default now. */
  now?: Date | number | string;
  /** Default: a random id. */
  disclosureId?: string;
}

/**
 * What {@link project} returns: the projected records, the explanation of every field, the outcome of
 * every grant, the disclosure and its ledger receipt.
 *
 * @example
 * ```ts
 * import type { Projection } from '@gds/policy';
 * function dropped(p: Projection) { return p.decisions.filter((d) => d.outcome === 'dropped'); }
 * ```
 */
export interface Projection {
  records: Record<string, unknown>[];
  decisions: FieldDecision[];
  grants: GrantCheck[];
  disclosure: Disclosure;
  /** The ledger receipt of the disclosure: verify with {@link verifyDisclosure}. */
  receipt: Receipt;
}

interface Decision {
  outcome: 'clear' | 'masked' | 'dropped';
  reason: DecisionReason;
  rule?: MaskingRule;
  grant?: string;
  zh: string;
  en: string;
}

const OMIT = Symbol('omit');

const REFUSAL_LABEL: Record<GrantRefusalCode, [string, string]> = {
  'grant.malformed': ['格式错误', 'malformed'],
  'grant.tampered': ['签名不符（被篡改）', 'its signature does not verify (tampered)'],
  'grant.unknown_key': ['签名密钥未知', 'signed by an unknown key'],
  'grant.key_revoked': ['签名密钥已吊销', 'signed by a revoked key'],
  'grant.untrusted': ['不可信', 'not trusted'],
  'grant.expired': ['已过期', 'expired'],
  'grant.not_yet_valid': ['尚未生效', 'not yet valid'],
  'grant.revoked': ['已撤销', 'revoked'],
  'grant.wrong_grantee': ['不是给本部门的', 'issued to another department'],
};

function decide(
  meta: FieldMeta,
  blockedBy: string | undefined,
  checks: readonly GrantCheck[],
  o: { entity: string; purpose: string; authorities: readonly string[] },
): Decision {
  const p = meta.path;
  if (blockedBy !== undefined || meta.sharing === 'none') {
    const at = blockedBy ?? p;
    return {
      outcome: 'dropped',
      reason: 'sharing.none',
      zh: at === p ? `${p} 为不予共享字段` : `${p} 所在的 ${at} 为不予共享`,
      en: at === p ? `${p} is not shareable` : `${p} is inside ${at}, which is not shareable`,
    };
  }
  if (meta.sharing === 'unconditional') {
    return {
      outcome: 'clear',
      reason: 'sharing.unconditional',
      zh: `${p} 为无条件共享字段`,
      en: `${p} is shared unconditionally`,
    };
  }
  const allowed: Array<{ grant: Grant; form: GrantForm }> = [];
  let refused: { id: string; code: GrantRefusalCode } | undefined;
  let wrongPurpose: string | undefined;
  let notAuthoritative: string | undefined;
  let notCovered: string | undefined;
  for (const c of checks) {
    if (!c.valid) {
      const claimed = c.claimed;
      if (
        !refused &&
        claimed?.fields?.some((f) => covers(f.path, p)) &&
        (claimed.entity ?? o.entity) === o.entity
      ) {
        refused = { id: claimed.id ?? '?', code: c.refusal.code };
      }
      continue;
    }
    const g = c.grant;
    const covering = g.entity === o.entity ? g.fields.filter((f) => covers(f.path, p)) : [];
    if (covering.length === 0) notCovered ??= g.id;
    else if (!g.purposes.includes(o.purpose)) wrongPurpose ??= g.id;
    else if (g.grantor !== meta.source && !o.authorities.includes(g.grantor)) notAuthoritative ??= g.id;
    else allowed.push({ grant: g, form: covering.some((f) => f.form === 'clear') ? 'clear' : 'masked' });
  }
  const clear = allowed.find((a) => a.form === 'clear');
  if (clear) {
    return {
      outcome: 'clear',
      reason: 'grant.clear',
      grant: clear.grant.id,
      zh: `${p} 按授权 ${clear.grant.id} 明文共享`,
      en: `${p} is shared in clear under grant ${clear.grant.id}`,
    };
  }
  const masked = allowed[0];
  if (masked) {
    if (meta.masking === 'none') {
      return {
        outcome: 'dropped',
        reason: 'masking.no_rule',
        rule: meta.masking,
        grant: masked.grant.id,
        zh: `授权 ${masked.grant.id} 只允许脱敏共享 ${p}，但该字段没有脱敏规则`,
        en: `grant ${masked.grant.id} allows ${p} only masked, and the field has no masking rule`,
      };
    }
    return {
      outcome: 'masked',
      reason: 'grant.masked',
      rule: meta.masking,
      grant: masked.grant.id,
      zh: `${p} 按授权 ${masked.grant.id} 以 ${meta.masking} 脱敏共享`,
      en: `${p} is shared masked (${meta.masking}) under grant ${masked.grant.id}`,
    };
  }
  const cond = `${p} 为有条件共享字段`;
  const condEn = `${p} is conditionally shared`;
  if (refused) {
    const [zh, en] = REFUSAL_LABEL[refused.code];
    return {
      outcome: 'dropped',
      reason: refused.code,
      grant: refused.id,
      zh: `${cond}，授权 ${refused.id} ${zh}`,
      en: `${condEn} and grant ${refused.id} is ${en}`,
    };
  }
  if (wrongPurpose) {
    return {
      outcome: 'dropped',
      reason: 'grant.wrong_purpose',
      grant: wrongPurpose,
      zh: `${cond}，授权 ${wrongPurpose} 不包括用途 ${o.purpose}`,
      en: `${condEn} and grant ${wrongPurpose} does not cover the purpose ${o.purpose}`,
    };
  }
  if (notAuthoritative) {
    return {
      outcome: 'dropped',
      reason: 'grant.not_authoritative',
      grant: notAuthoritative,
      zh: `${cond}，授权 ${notAuthoritative} 的授权部门不是其数源部门 ${meta.source}`,
      en: `${condEn} and the grantor of ${notAuthoritative} is not its source department ${meta.source}`,
    };
  }
  if (notCovered) {
    return {
      outcome: 'dropped',
      reason: 'grant.field_not_covered',
      grant: notCovered,
      zh: `${cond}，授权 ${notCovered} 不包括该字段`,
      en: `${condEn} and grant ${notCovered} does not cover it`,
    };
  }
  return {
    outcome: 'dropped',
    reason: 'grant.missing',
    zh: `${cond}，但没有有效授权`,
    en: `${condEn} and no valid grant covers it`,
  };
}

interface Ctx {
  unknown: Set<string>;
  unmaskable: Set<string>;
}

type Fn = (v: unknown, ctx: Ctx) => unknown;

function compile(
  node: FieldNode,
  blockedBy: string | undefined,
  decisionOf: (meta: FieldMeta, blockedBy: string | undefined) => Decision,
  masking: MaskingRules,
  seen: Map<string, { seen: boolean }>,
): Fn {
  const own = node.meta ? decisionOf(node.meta, blockedBy) : undefined;
  const blocked = blockedBy ?? (node.meta?.sharing === 'none' ? node.path : undefined);
  const leafFn = (): Fn => {
    if (!own || own.outcome === 'dropped') return () => OMIT;
    const path = node.path;
    if (own.outcome === 'clear') {
      const flag = seenFlag(seen, path);
      return (v) => {
        flag.seen = true;
        return v;
      };
    }
    const rule = own.rule!;
    const flag = seenFlag(seen, path);
    return (v, ctx) => {
      const m = masking.mask(rule, v);
      if (m === undefined) {
        ctx.unmaskable.add(path);
        return OMIT;
      }
      flag.seen = true;
      return m;
    };
  };
  if (isLeaf(node)) return leafFn();
  // A container whose own metadata forbids sharing takes its whole subtree with it.
  if (blocked !== undefined && own?.outcome === 'dropped' && own.reason === 'sharing.none') {
    for (const child of [...node.children.values(), ...(node.items ? [node.items] : [])]) {
      compile(child, blocked, decisionOf, masking, seen);
    }
    return () => OMIT;
  }
  const fallback = leafFn();
  if (node.items) {
    const item = compile(node.items, blocked, decisionOf, masking, seen);
    return (v, ctx) => {
      if (!Array.isArray(v)) return fallback(v, ctx);
      const out: unknown[] = [];
      for (const x of v) {
        const r = item(x, ctx);
        if (r !== OMIT) out.push(r);
      }
      return out.length === 0 ? OMIT : out;
    };
  }
  const keys: string[] = [];
  const fns: Fn[] = [];
  for (const [k, child] of node.children) {
    keys.push(k);
    fns.push(compile(child, blocked, decisionOf, masking, seen));
  }
  const children = node.children;
  const prefix = node.path;
  return (v, ctx) => {
    if (!isPlainObject(v)) return node.path === '' ? OMIT : fallback(v, ctx);
    let out: Record<string, unknown> | undefined;
    let known = 0;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const x = v[k];
      if (x === undefined) continue;
      known++;
      const r = fns[i]!(x, ctx);
      if (r === OMIT) continue;
      out ??= {};
      out[k] = r;
    }
    // Members the standard does not define never leave; counting first keeps the common case cheap.
    let total = 0;
    for (const k in v) if (v[k] !== undefined) total++;
    if (total !== known) for (const k in v) if (!children.has(k)) ctx.unknown.add(`${prefix}/${k}`);
    return out ?? OMIT;
  };
}

function seenFlag(seen: Map<string, { seen: boolean }>, path: string): { seen: boolean } {
  let f = seen.get(path);
  if (!f) {
    f = { seen: false };
    seen.set(path, f);
  }
  return f;
}

function defaultRecordId(r: Record<string, unknown>): string {
  for (const k of ['id', 'creditCode', 'code', 'householdNumber']) {
    const v = r[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  let hex = '';
  for (const b of hashRecord(r as never)) hex += b.toString(16).padStart(2, '0');
  return `sha256:${hex}`;
}

/**
 * Projects records for a requesting department: unconditional fields in clear; conditional fields
 * only under a valid grant that covers them and the request's purpose, in clear or masked as the grant
 * says (masked with the jurisdiction's rule named by the field's `x-gds-masking`); never a
 * non-shareable field (nor anything inside one), never a member the standard does not define. Every
 * grant is verified first, on every call ({@link verifyGrant}); every field is explained
 * (`decisions`); the disclosure is appended to the ledger and its receipt returned. Records are not
 * modified.
 *
 * Containers follow their fields: an object is sent when at least one of its fields is, whatever the
 * object's own sharing type, except `none`, which removes everything inside it.
 *
 * @example
 * ```ts
 * import { project } from '@gds/policy';
 * import { person } from '@gds/schema';
 * const { records, decisions, receipt } = await project(people, {
 *   standard: person, requester: { department: 'health', purpose: 'vaccination-follow-up' },
 *   grants: [grantEnvelope], keys: keyring, ledger: log,
 * });
 * decisions.filter((d) => d.outcome === 'dropped').map((d) => d.messageZh);
 * ```
 */
export async function project(records: readonly unknown[], options: ProjectOptions): Promise<Projection> {
  const { standard, requester } = options;
  if (!requester?.department || !requester.purpose) {
    throw new GdsPolicyError(
      'GDS_POLICY_INVALID_INPUT',
      '请求方需要部门和用途',
      'the requester needs a department and a purpose',
    );
  }
  if (!Array.isArray(standard?.fields)) {
    throw new GdsPolicyError(
      'GDS_POLICY_INVALID_INPUT',
      '需要标准的字段元数据',
      "the standard's field metadata is needed",
    );
  }
  if (!options.ledger) {
    throw new GdsPolicyError(
      'GDS_POLICY_INVALID_INPUT',
      '需要账本以记录披露',
      'a ledger is needed to record the disclosure',
    );
  }
  const nowMs = options.now === undefined ? Date.now() : toMillis(options.now, 'now');
  const checks: GrantCheck[] = [];
  for (const g of options.grants ?? []) {
    checks.push(
      await verifyGrant(g, {
        keys: options.keys,
        grantee: requester.department,
        revocations: options.revocations,
        suites: options.suites,
        now: nowMs,
      }),
    );
  }
  const masking = options.masking ?? createMaskingRules();
  const o = {
    entity: standard.entity,
    purpose: requester.purpose,
    authorities: options.authorities ?? ['data-administration'],
  };
  const decisions = new Map<string, Decision>();
  const metaOf = new Map<string, FieldMeta>();
  const decisionOf = (meta: FieldMeta, blockedBy: string | undefined): Decision => {
    const d = decide(meta, blockedBy, checks, o);
    decisions.set(meta.path, d);
    metaOf.set(meta.path, meta);
    return d;
  };
  const tree = buildFieldTree(standard.fields);
  const seen = new Map<string, { seen: boolean }>();
  const fn = compile(tree, undefined, decisionOf, masking, seen);

  const ctx: Ctx = { unknown: new Set(), unmaskable: new Set() };
  const recordId = options.recordId ?? defaultRecordId;
  const out: Record<string, unknown>[] = [];
  const ids: string[] = [];
  for (const r of records) {
    if (!isPlainObject(r)) {
      throw new GdsPolicyError(
        'GDS_POLICY_INVALID_INPUT',
        '记录必须是 JSON 对象',
        'every record must be a JSON object',
      );
    }
    const p = fn(r, ctx);
    out.push(p === OMIT ? {} : (p as Record<string, unknown>));
    ids.push(recordId(r));
  }

  const explained: FieldDecision[] = [];
  const fields: DisclosedField[] = [];
  const grantsUsed = new Set<string>();
  const leafPaths = new Set<string>();
  collectLeaves(tree, leafPaths);
  for (const [path, d] of decisions) {
    if (!leafPaths.has(path)) continue;
    const meta = metaOf.get(path)!;
    const fd: FieldDecision = {
      path,
      outcome: d.outcome,
      reason: d.reason,
      sharing: meta.sharing,
      message: `${d.zh}（${d.en}）`,
      messageZh: d.zh,
      messageEn: d.en,
    };
    if (d.rule !== undefined) fd.rule = d.rule;
    if (d.grant !== undefined) fd.grant = d.grant;
    explained.push(fd);
    if (ctx.unmaskable.has(path)) {
      const zh = `${path} 的值不能按 ${d.rule} 脱敏，已移除`;
      const en = `a value of ${path} cannot be masked with ${d.rule} and was removed`;
      explained.push({
        path,
        outcome: 'dropped',
        reason: 'masking.not_applicable',
        sharing: meta.sharing,
        rule: d.rule,
        message: `${zh}（${en}）`,
        messageZh: zh,
        messageEn: en,
      });
    }
    if (seen.get(path)?.seen) {
      const f: DisclosedField = {
        path,
        form: d.outcome === 'masked' ? 'masked' : 'clear',
        source: meta.source,
        basis: d.grant === undefined ? 'unconditional' : 'grant',
      };
      if (d.outcome === 'masked') f.rule = d.rule;
      if (d.grant !== undefined) {
        f.grant = d.grant;
        grantsUsed.add(d.grant);
      }
      fields.push(f);
    }
  }
  for (const path of [...ctx.unknown].sort()) {
    const zh = `${path} 不是标准 ${standard.entity} 的字段，不予提供`;
    const en = `${path} is not a field of the ${standard.entity} standard and is never shared`;
    explained.push({
      path,
      outcome: 'dropped',
      reason: 'not_in_standard',
      message: `${zh}（${en}）`,
      messageZh: zh,
      messageEn: en,
    });
  }

  const disclosure: Disclosure = {
    type: 'gds-disclosure/v1',
    id: options.disclosureId ?? randomId(),
    at: toIso(nowMs),
    to: { department: requester.department, purpose: requester.purpose },
    standard: { entity: standard.entity, version: standard.version },
    grants: [...grantsUsed].sort(),
    fields,
    records: ids,
  };
  let receipt: Receipt;
  try {
    const { index, checkpoint } = await options.ledger.append(hashRecord(disclosure as never), {
      checkpoint: true,
    });
    receipt = await createReceipt(options.ledger, index, checkpoint);
  } catch (cause) {
    throw new GdsPolicyError(
      'GDS_POLICY_LEDGER',
      '无法把披露记录写入账本（账本需要签名者以签署检查点）',
      'cannot append the disclosure to the ledger (the log needs a signer for checkpoints)',
      { cause },
    );
  }
  return { records: out, decisions: explained, grants: checks, disclosure, receipt };
}

function collectLeaves(node: FieldNode, out: Set<string>): void {
  if (node.meta && isLeaf(node)) out.add(node.path);
  for (const c of node.children.values()) collectLeaves(c, out);
  if (node.items) collectLeaves(node.items, out);
}
