import { fromBase64, toBase64 } from './_internal/bytes.js';
import { type IntLike, parseDecimal, toIndex } from './_internal/int.js';
import { GdsLedgerError } from './errors.js';
import { fail, type LedgerIssue } from './issue.js';

/**
 * The content of a C2SP tlog-checkpoint: the log's origin, the tree size and the root hash, plus
 * optional extension lines.
 *
 * @example
 * ```ts
 * import type { Checkpoint } from '@gds/ledger';
 * const cp: Checkpoint = { origin: 'gov.example/county-log', size: 3, rootHash: new Uint8Array(32) };
 * ```
 */
export interface Checkpoint {
  origin: string;
  /** Tree size, a safe integer. */
  size: number;
  rootHash: Uint8Array;
  extensions?: string[];
}

/**
 * Formats a checkpoint body (the note text that gets signed): origin line, decimal size, base64 root,
 * then any extension lines, each ending in a newline.
 *
 * @example
 * ```ts
 * import { formatCheckpoint } from '@gds/ledger';
 * const body = formatCheckpoint({ origin: 'gov.example/county-log', size: 3, rootHash });
 * // 'gov.example/county-log\n3\n<base64 root>\n'
 * ```
 */
export function formatCheckpoint(cp: {
  origin: string;
  size: IntLike;
  rootHash: Uint8Array;
  extensions?: readonly string[];
}): string {
  const size = toIndex(cp.size, 'size');
  if (cp.origin.length === 0 || /[\n\r]/.test(cp.origin) || cp.origin.startsWith('— ')) {
    throw new GdsLedgerError(
      'GDS_LEDGER_INVALID_INPUT',
      '检查点来源行无效',
      'invalid checkpoint origin line',
    );
  }
  for (const ext of cp.extensions ?? []) {
    if (ext.length === 0 || ext.includes('\n')) {
      throw new GdsLedgerError(
        'GDS_LEDGER_INVALID_INPUT',
        '检查点扩展行无效',
        'invalid checkpoint extension line',
      );
    }
  }
  const ext = (cp.extensions ?? []).map((e) => `${e}\n`).join('');
  return `${cp.origin}\n${size}\n${toBase64(cp.rootHash)}\n${ext}`;
}

/**
 * Parses a checkpoint body (note text, without signatures). The size must be a decimal without leading
 * zeroes that fits a safe integer; the root must be 32 bytes of standard base64.
 *
 * @example
 * ```ts
 * import { parseCheckpoint } from '@gds/ledger';
 * const r = parseCheckpoint('gov.example/county-log\n3\nrra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\n');
 * if (r.valid) r.checkpoint.size; // 3
 * ```
 */
export function parseCheckpoint(
  text: string,
): { valid: true; checkpoint: Checkpoint } | { valid: false; issue: LedgerIssue } {
  if (!text.endsWith('\n')) return malformed('缺少结尾换行', 'missing final newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) return malformed('少于三行', 'fewer than three lines');
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) return malformed('来源行为空', 'empty origin line');
  const size = parseDecimal(sizeLine);
  if (size === undefined)
    return malformed(`树大小无效：${sizeLine}`, `invalid tree size ${JSON.stringify(sizeLine)}`);
  const rootHash = fromBase64(rootLine);
  if (rootHash?.length !== 32) return malformed('根哈希无效', 'invalid root hash');
  if (extensions.some((e) => e.length === 0)) return malformed('扩展行为空', 'empty extension line');
  const checkpoint: Checkpoint = { origin, size, rootHash };
  if (extensions.length > 0) checkpoint.extensions = extensions;
  return { valid: true, checkpoint };
}

function malformed(zh: string, en: string) {
  return fail('GDS_LEDGER_CHECKPOINT_MALFORMED', `检查点格式错误：${zh}`, `malformed checkpoint: ${en}`);
}
