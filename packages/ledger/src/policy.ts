import { GdsLedgerError } from './errors.js';
import {
  NOTE_TYPE_COSIGNATURE,
  NOTE_TYPE_ED25519,
  type NoteVerifier,
  noteVerifierFromKey,
} from './noteKeys.js';

/**
 * A quorum rule of a C2SP tlog-policy: nobody, one witness, or a group with a threshold.
 *
 * @example
 * ```ts
 * import type { QuorumRule } from '@gds/ledger';
 * const rule: QuorumRule = { kind: 'witness', name: 'county' };
 * ```
 */
export type QuorumRule =
  | { kind: 'none' }
  | { kind: 'witness'; name: string }
  | { kind: 'group'; name: string; threshold: number; members: QuorumRule[] };

/**
 * A parsed C2SP tlog-policy: the logs whose signatures are accepted, the named witnesses, and the quorum.
 *
 * @example
 * ```ts
 * import { parsePolicy } from '@gds/ledger';
 * const policy = parsePolicy(policyText);
 * policy.witnesses.size; // number of witnesses
 * ```
 */
export interface WitnessPolicy {
  logs: Array<{ verifier: NoteVerifier; url?: string }>;
  witnesses: Map<string, { verifier: NoteVerifier; url?: string }>;
  quorum: QuorumRule;
}

/**
 * Parses a policy file in the C2SP tlog-policy syntax: `log <vkey> [url]`, `witness <name> <vkey> [url]`,
 * `group <name> all|any|<k> <member>...`, exactly one `quorum <name>` (or `quorum none`), `#` comments.
 * Names must be defined before use, members listed once per group, `1 <= k <= n`, and no public key
 * twice. Throws `GDS_LEDGER_POLICY_SYNTAX` with the line number: a policy is configuration, not data.
 *
 * @example
 * ```ts
 * import { parsePolicy } from '@gds/ledger';
 * const policy = parsePolicy(`
 * log county.example/log+1a2b3c4d+AX...
 * witness civil-affairs civil.example/w+5e6f7a8b+BB...
 * witness health health.example/w+0c1d2e3f+BB...
 * witness police police.example/w+4a5b6c7d+BB...
 * witness county county.example/w+8e9fa0b1+BB...
 * group peers 2 civil-affairs health police
 * group both all peers county
 * quorum both
 * `);
 * ```
 */
export function parsePolicy(text: string): WitnessPolicy {
  const logs: WitnessPolicy['logs'] = [];
  const witnesses: WitnessPolicy['witnesses'] = new Map();
  const rules = new Map<string, QuorumRule>();
  const keys = new Set<string>();
  let quorum: QuorumRule | undefined;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const n = i + 1;
    if (/[^\t\x20-\x7e\x80-\uffff]/.test(raw))
      syntax(n, '含有不允许的控制字符', 'contains a control character');
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const words = line.split(/[ \t]+/);
    const [kw, ...args] = words as [string, ...string[]];
    const key = (vkey: string, type: number) => {
      let v: NoteVerifier;
      try {
        v = noteVerifierFromKey(vkey);
      } catch (e) {
        return syntax(n, '验证密钥无效', 'invalid vkey', e);
      }
      if (v.type !== type) syntax(n, '验证密钥的签名类型不对', 'the vkey has the wrong signature type');
      const pk = bytesKey(v.publicKey);
      if (keys.has(pk)) syntax(n, '公钥重复', 'duplicate public key');
      keys.add(pk);
      return v;
    };
    switch (kw) {
      case 'log': {
        if (args.length < 1 || args.length > 2) syntax(n, 'log 行格式错误', 'malformed log line');
        const entry: WitnessPolicy['logs'][number] = { verifier: key(args[0]!, NOTE_TYPE_ED25519) };
        if (args[1]) entry.url = args[1];
        logs.push(entry);
        return;
      }
      case 'witness': {
        if (args.length < 2 || args.length > 3) syntax(n, 'witness 行格式错误', 'malformed witness line');
        const name = args[0]!;
        if (name === 'none' || rules.has(name))
          syntax(n, `名称重复或保留：${name}`, `duplicate or reserved name ${name}`);
        const entry: { verifier: NoteVerifier; url?: string } = {
          verifier: key(args[1]!, NOTE_TYPE_COSIGNATURE),
        };
        if (args[2]) entry.url = args[2];
        witnesses.set(name, entry);
        rules.set(name, { kind: 'witness', name });
        return;
      }
      case 'group': {
        if (args.length < 3) syntax(n, 'group 行至少需要一个成员', 'a group needs at least one member');
        const [name, k, ...members] = args as [string, string, ...string[]];
        if (name === 'none' || rules.has(name))
          syntax(n, `名称重复或保留：${name}`, `duplicate or reserved name ${name}`);
        if (new Set(members).size !== members.length) syntax(n, '成员重复', 'a member is listed twice');
        const resolved = members.map(
          (m) => rules.get(m) ?? syntax(n, `未定义的名称：${m}`, `undefined name ${m}`),
        );
        const threshold =
          k === 'all'
            ? members.length
            : k === 'any'
              ? 1
              : /^[1-9][0-9]*$/.test(k)
                ? Number(k)
                : syntax(n, '阈值无效', 'invalid threshold');
        if (threshold < 1 || threshold > members.length) syntax(n, '阈值超出 1..n', 'threshold outside 1..n');
        rules.set(name, { kind: 'group', name, threshold, members: resolved });
        return;
      }
      case 'quorum': {
        if (args.length !== 1) syntax(n, 'quorum 行格式错误', 'malformed quorum line');
        if (quorum) syntax(n, 'quorum 只能定义一次', 'more than one quorum line');
        quorum =
          args[0] === 'none'
            ? { kind: 'none' }
            : (rules.get(args[0]!) ?? syntax(n, `未定义的名称：${args[0]}`, `undefined name ${args[0]}`));
        return;
      }
      default:
        syntax(n, `未知关键字 ${kw}`, `unknown keyword ${kw}`);
    }
  });
  if (!quorum) syntax(lines.length, '缺少 quorum 行', 'missing quorum line');
  return { logs, witnesses, quorum: quorum! };
}

/**
 * True when the witnesses named in `cosigners` satisfy the quorum rule.
 *
 * @example
 * ```ts
 * import { parsePolicy, quorumSatisfied } from '@gds/ledger';
 * quorumSatisfied(parsePolicy(text).quorum, new Set(['health', 'police', 'county'])); // true for 2-of-3 + county
 * ```
 */
export function quorumSatisfied(rule: QuorumRule, cosigners: ReadonlySet<string>): boolean {
  switch (rule.kind) {
    case 'none':
      return true;
    case 'witness':
      return cosigners.has(rule.name);
    case 'group':
      return rule.members.filter((m) => quorumSatisfied(m, cosigners)).length >= rule.threshold;
  }
}

function bytesKey(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function syntax(line: number, zh: string, en: string, cause?: unknown): never {
  throw new GdsLedgerError(
    'GDS_LEDGER_POLICY_SYNTAX',
    `策略第 ${line} 行：${zh}`,
    `policy line ${line}: ${en}`,
    { cause },
  );
}
