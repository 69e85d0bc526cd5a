import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonValue } from '@gds/crypto';
import { hashRecord } from '@gds/ledger';
import type { Locale } from '@gds/schema';
import { UsageError } from '../command.js';
import { convertSamples, mergeGolden } from './convertAndMerge.js';
import { DEPARTMENTS, type DemoSummary, REQUESTER, SOURCES, WITNESSES } from './model.js';
import { verifyOffline } from './offline.js';
import { appendBatch, cosign, makeKeys, openLedger, share, signGolden } from './trust.js';

/** Marks a folder as the demo's own, so a re-run may empty it and nothing else is ever removed. */
export const MARKER = '.gds-demo';

export interface RunDemoOptions {
  /** The demo folder (absolute): emptied and filled by this run. */
  demo: string;
  locale: Locale;
  passphrase?: string;
  scryptN?: number;
  /** Receives one line per step, in Chinese and English, and a file or figure both share. */
  say: (zh: string, en: string, tail?: string) => void;
  /** Receives a remark that is not a step (the previous run's folder was emptied). */
  note: (zh: string, en: string) => void;
}

/**
 * Empties the demo folder of an earlier run. A folder that exists without the demo's marker (not
 * written by `gds demo`) is refused rather than deleted.
 */
async function reset(demo: string): Promise<boolean> {
  const had = existsSync(demo);
  if (had && readdirSync(demo).length > 0 && !existsSync(join(demo, MARKER))) {
    throw new UsageError(
      `${demo} 已存在且不是演示目录，未作改动；请用 --dir 指定其他目录`,
      `${demo} exists and was not made by gds demo; left untouched (choose another --dir)`,
    );
  }
  await rm(demo, { recursive: true, force: true });
  for (const sub of ['convert', 'golden', 'signed', 'ledger', 'share'])
    await mkdir(join(demo, sub), { recursive: true });
  await writeFile(join(demo, MARKER), 'gds demo: this folder is emptied by every run of gds demo\n');
  return had;
}

const dept = (id: string) => DEPARTMENTS[id as keyof typeof DEPARTMENTS] ?? { zh: id, en: id };

/** Runs every step of `gds demo` and returns its summary (the caller writes the report). */
export async function runDemo(o: RunDemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const { demo, say } = o;
  const replaced = await reset(demo);
  if (replaced) o.note('已清空上次运行的文件', "emptied the previous run's files");

  const converted = await convertSamples(demo, o.locale, ({ figures: f }) => {
    const d = dept(f.department);
    say(
      `转换${d.zh}样例：读取 ${f.rowsRead} 行，接受 ${f.rowsAccepted}，拒绝 ${f.rowsRejected}`,
      `converted ${f.mapping}: ${f.rowsRead} read, ${f.rowsAccepted} accepted, ${f.rowsRejected} rejected`,
      `→ ${f.report}`,
    );
  });
  const standard = converted[0]!.standard;

  const { golden, figures: merge } = await mergeGolden(demo, converted);
  say(
    `合并：${merge.records} 条 → ${merge.golden} 条黄金记录，${merge.multiDepartment} 条跨部门，冲突 ${merge.conflicts}`,
    `merged: ${merge.golden} golden, ${merge.multiDepartment} across departments, ${merge.conflicts} conflicts`,
    `→ ${merge.file}`,
  );

  const keys = await makeKeys(demo, { passphrase: o.passphrase, scryptN: o.scryptN });
  say(
    `密钥：${keys.figures.departments} 个部门各有签名和加密密钥，共 ${keys.figures.keys} 个${keys.figures.secretsSaved ? '' : '，私钥未保存（无 GDS_PASSPHRASE）'}`,
    `keys: sign + encrypt for ${keys.figures.departments} departments${keys.figures.secretsSaved ? '' : ', secrets not saved (no GDS_PASSPHRASE)'}`,
    `→ ${keys.figures.keyring}`,
  );

  const signed = await signGolden(demo, golden, standard, keys);
  const by = SOURCES.map((s) => signed.figures.byDepartment[s.department] ?? 0).join(' + ');
  say(
    `签名：${signed.figures.envelopes} 条黄金记录由来源部门签名（${by}）`,
    `signed ${signed.figures.envelopes} records as their source department`,
    `→ ${signed.figures.file}`,
  );

  const ledger = await openLedger(demo);
  try {
    for (const s of SOURCES) {
      const envs = signed.envelopes.get(s.department) ?? [];
      if (envs.length === 0) continue;
      await appendBatch(
        ledger,
        s.department,
        s.department,
        envs.map((e) => hashRecord(e as unknown as JsonValue)),
      );
    }
    const last = ledger.batches[ledger.batches.length - 1];
    say(
      `账本：${ledger.batches.length} 批追加 ${ledger.log.size} 条，树大小 ${last?.size ?? 0}`,
      `ledger: ${ledger.batches.length} batches, tree size ${last?.size ?? 0}`,
      `root ${last?.rootHash ?? '-'}`,
    );

    const first = await cosign(demo, ledger);
    const both = first.cosigners.length === WITNESSES.length;
    say(
      `检查点 ${first.checkpoint.size} 由${WITNESSES.map((w) => dept(w).zh).join('、')}副署：${both ? '两个副署均有效' : '副署验证失败'}`,
      `checkpoint ${first.checkpoint.size} cosigned by ${WITNESSES.join(', ')}: ${both ? 'both verified' : 'FAILED'}`,
      `→ ${first.file}`,
    );

    const shared = await share(demo, golden, standard, keys, ledger);
    say(
      `共享给${dept(REQUESTER).zh}：${shared.grants} 份授权，${shared.recordsShared} 条记录，${shared.fieldsClear} 个字段明文、${shared.fieldsMasked} 个脱敏，披露记录入账 #${shared.disclosureIndex}`,
      `shared ${shared.recordsShared} records with ${REQUESTER} under ${shared.grants} grants, disclosure #${shared.disclosureIndex}`,
      `→ ${shared.receipt}`,
    );

    const offline = await verifyOffline({
      disclosure: join(demo, shared.disclosure),
      receipt: join(demo, shared.receipt),
      policy: join(demo, ledger.policyFile),
      checkpoint: join(demo, 'ledger', 'checkpoint.txt'),
    });
    say(
      offline.verified
        ? `离线验证回执：有效，条目 #${offline.index}，树大小 ${offline.treeSize}`
        : '离线验证回执：无效',
      offline.verified
        ? `receipt verified offline: entry #${offline.index} in tree size ${offline.treeSize}`
        : 'receipt verification FAILED',
      offline.verified ? undefined : offline.checks.find((c) => !c.ok)?.detail,
    );

    const { treeSize: _t, ...shareFigures } = shared;
    return {
      format: 'gds-demo-summary/v1',
      createdAt: new Date().toISOString(),
      durationMs: Math.round(performance.now() - started),
      dir: demo,
      conversions: converted.map((c) => c.figures),
      merge,
      keys: keys.figures,
      signing: signed.figures,
      ledger: {
        origin: ledger.log.origin ?? '',
        db: 'ledger/ledger.sqlite',
        batches: ledger.batches,
        size: ledger.log.size,
        rootHash: Buffer.from(await ledger.log.rootHash()).toString('base64'),
      },
      witnesses: {
        checkpointSize: first.checkpoint.size,
        cosigners: first.cosigners,
        verified: both,
        checkpoint: first.file,
        policy: ledger.policyFile,
      },
      share: shareFigures,
      receipt: offline,
      report: '',
    };
  } finally {
    await ledger.log.close();
  }
}
