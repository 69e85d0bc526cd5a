import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Locale } from '@gds/schema';
import { type Command, defineCommand } from '../_internal/command.js';
import { renderReport } from '../_internal/demo/html.js';
import { DEPARTMENTS, type DemoSummary } from '../_internal/demo/model.js';
import { runDemo } from '../_internal/demo/run.js';

/** The last lines: the figures, each from the summary that is also written to summary.json. */
function closing(s: DemoSummary, loc: Locale, report: string): string {
  const rows = s.conversions.map((c) => {
    const d = DEPARTMENTS[c.department];
    return loc === 'en'
      ? `  ${d.en.padEnd(24)} read ${c.rowsRead}, accepted ${c.rowsAccepted}, rejected ${c.rowsRejected}`
      : `  ${d.zh}（${c.department}）读取 ${c.rowsRead}，接受 ${c.rowsAccepted}，拒绝 ${c.rowsRejected}`;
  });
  const ok = s.receipt.verified && s.witnesses.verified;
  const body =
    loc === 'en'
      ? [
          'Summary',
          ...rows,
          `  golden records ${s.merge.golden} (${s.merge.multiDepartment} from several departments), conflicts ${s.merge.conflicts}`,
          `  signed ${s.signing.envelopes}; ledger tree size ${s.ledger.size}, root ${s.ledger.rootHash}`,
          `  cosigned by ${s.witnesses.cosigners.join(', ')}; shared ${s.share.recordsShared} records with ${s.share.requester}`,
          `  receipt verified offline: ${s.receipt.verified ? 'yes' : 'NO'}`,
          `  report ${report}`,
        ]
      : [
          '摘要（summary）',
          ...rows,
          `  黄金记录 ${s.merge.golden} 条（其中 ${s.merge.multiDepartment} 条来自多个部门），冲突 ${s.merge.conflicts} 个（golden records, of them from several departments; conflicts）`,
          `  签名 ${s.signing.envelopes} 条；账本树大小 ${s.ledger.size}，根哈希 ${s.ledger.rootHash}（signed; ledger tree size, root）`,
          `  副署 ${s.witnesses.cosigners.join('、')}；向 ${s.share.requester} 共享 ${s.share.recordsShared} 条记录（cosigned; shared）`,
          `  回执离线验证：${s.receipt.verified ? '有效' : '无效'}（receipt verified offline: ${s.receipt.verified ? 'yes' : 'NO'}）`,
          `  报告（report） ${report}`,
        ];
  return `${body.join('\n')}\n${ok ? '' : loc === 'en' ? 'verification FAILED\n' : '验证失败（verification FAILED）\n'}`;
}

const demo = defineCommand({
  name: 'demo',
  summary: {
    zh: '在本机默认配置上演示从转换到离线验证回执的完整流程',
    en: 'run the whole flow on the embedded defaults, from conversion to an offline-verified receipt',
  },
  synopsis: '[--dir <dir>] [--out <report.html>] [options]',
  description: {
    zh: '在本机默认配置上（./.gds/、SQLite 账本、无服务器）演示完整流程：转换三个部门的官方样例，合并黄金记录，\n生成部门密钥并签名，追加到账本，两个部门见证人副署检查点，有条件共享并得到披露回执，离线验证回执。\n所有文件写入 <dir>/demo/，每次运行先清空它；不触碰 <dir>/keys 等其他内容。\n设置 GDS_PASSPHRASE 时演示私钥加密保存到 <dir>/demo/keys，否则只保存公钥。\n--format json 在标准输出写机器可读摘要，步骤写标准错误。',
    en: "On the embedded defaults (./.gds/, the SQLite ledger, no server): converts three departments' official\nsamples, merges golden records, generates department keys and signs the records, appends them to the\nledger, has two department witnesses cosign the checkpoint, shares records conditionally with a\nrequesting department (disclosure receipt), and verifies the receipt offline.\nEvery file goes to <dir>/demo/, emptied at each run; nothing else in <dir>, such as your keyring in\n<dir>/keys, is touched. With GDS_PASSPHRASE set the demo's secret keys are saved encrypted; otherwise\nonly public keys. --format json writes the summary to stdout and the steps to stderr.",
  },
  options: {
    dir: {
      type: 'string',
      value: '<dir>',
      help: { zh: '基础目录；默认 ./.gds', en: 'the base folder; default ./.gds' },
    },
    out: {
      type: 'string',
      value: '<file>',
      help: {
        zh: 'HTML 报告；默认 <dir>/demo/report.html',
        en: 'the HTML report; default <dir>/demo/report.html',
      },
    },
    json: {
      type: 'boolean',
      help: { zh: '同 --format json（别名）', en: 'the same as --format json (an alias)' },
    },
  },
  formats: ['text', 'json'],
  exits: {
    0: { zh: '完成，回执已验证', en: 'done, and the receipt verified' },
    1: { zh: '有验证失败', en: 'a verification failed' },
  },
  async run(ctx, { values, locale: loc, format }) {
    const json = format === 'json' || values.json === true;
    const folder = join(resolve(ctx.cwd, values.dir ?? '.gds'), 'demo');
    const out = resolve(ctx.cwd, values.out ?? join(folder, 'report.html'));
    const lines = json ? ctx.stderr : ctx.stdout;
    let n = 0;
    const say = (zh: string, en: string, tail?: string) => {
      n++;
      const text = loc === 'en' ? en : `${zh}（${en}）`;
      lines.write(`[${n}] ${text}${tail ? ` ${tail}` : ''}\n`);
    };
    const note = (zh: string, en: string) => {
      lines.write(loc === 'en' ? `${en}\n` : `${zh}（${en}）\n`);
    };
    const where = relative(ctx.cwd, folder) || folder;
    note(
      `演示文件写入 ${where}/，以下路径均相对于它`,
      `files go to ${where}/; the paths below are relative to it`,
    );
    const pass = ctx.env.GDS_PASSPHRASE;
    const scryptN = ctx.env.GDS_KEYRING_SCRYPT_N ? Number(ctx.env.GDS_KEYRING_SCRYPT_N) : undefined;
    const summary = await runDemo({
      demo: folder,
      locale: loc,
      ...(pass ? { passphrase: pass } : {}),
      ...(scryptN ? { scryptN } : {}),
      say,
      note,
    });
    const shown = relative(ctx.cwd, out) || out;
    summary.report = relative(folder, out).split(sep).join('/');
    const fromReport = relative(dirname(out), folder);
    const href = (file: string) => (fromReport ? `${fromReport.split(sep).join('/')}/${file}` : file);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, renderReport(summary, href));
    const text = `${JSON.stringify(summary, null, 2)}\n`;
    await writeFile(join(folder, 'summary.json'), text);
    if (json) ctx.stdout.write(text);
    lines.write(closing(summary, loc, shown));
    return summary.receipt.verified && summary.witnesses.verified ? 0 : 1;
  },
});

/** `gds demo`: the whole flow on the embedded defaults, with a summary and an HTML report. */
export const demoCommands: Command[] = [demo];
