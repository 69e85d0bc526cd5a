// `npm start -w @gds/example-standards-body [-- --out <dir>]`: runs the standards body's cycle on a copy
// of the standards tree and says what happened at each step. The repository's standards/ is only read.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiff } from '@gds/kit';
import { DROPPED_CODE, NARROWED_LIST, NEW_FIELD, runStandardsBody } from './workflow.js';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const workDir = values.out ? resolve(values.out) : mkdtempSync(join(tmpdir(), 'gds-standards-body-'));
const say = (line = '') => process.stdout.write(`${line}\n`);

try {
  const r = await runStandardsBody({ workDir });
  const e = r.entity;
  say(`标准副本（copy of the standards）: ${r.root}`);
  say();
  say(`1. 起草 ${e} 草案，新增可选字段 ${NEW_FIELD}（draft of ${e} with the optional field ${NEW_FIELD}）`);
  say(`   规范检查（profile check）: ${r.lint.length === 0 ? '通过 passed' : r.lint.map((p) => p.message)}`);
  say();
  say(`2. 与 ${r.previous} 比较（compared with ${r.previous}）:`);
  say(formatDiff(r.additive.diff, 'text', { lang: 'both' }).trimEnd().replace(/^/gm, '   '));
  say(
    `   ${r.additive.check.policy}: ${r.additive.check.ok ? '通过 passed' : '未通过 failed'}; 将发布为（would be released as）${r.additive.version}`,
  );
  say();
  say(
    `3. 再从封闭代码表 ${NARROWED_LIST} 删除 ${DROPPED_CODE}（then ${DROPPED_CODE} removed from the closed list）:`,
  );
  say(formatDiff(r.breaking.diff, 'text', { lang: 'both' }).trimEnd().replace(/^/gm, '   '));
  say(
    `   ${r.breaking.check.policy}: ${r.breaking.check.ok ? '通过 passed' : '未通过 failed'}; 不能作为 ${r.breaking.hoped} 发布，差异要求 ${r.breaking.required}（cannot ship as ${r.breaking.hoped}: the diff requires ${r.breaking.required}）`,
  );
  for (const refusal of r.breaking.refusals) say(`   拒绝（refused）${refusal.code}: ${refusal.messageEn}`);
  say('   撤回该修改（edit withdrawn）');
  say();
  say(`4. 发布（released）${e} ${r.release.previous} → ${r.release.version} (${r.release.bump}):`);
  const examples = r.release.files.filter((f) => f.includes('/examples/'));
  for (const file of r.release.files) if (!examples.includes(file)) say(`   ${file}`);
  say(`   … ${examples.length} 个示例（examples）`);
  say(
    `   releases.lock.json: ${Object.keys(r.lock.entries).length} 个新条目（new entries）, 校验（verified）${r.lock.ok ? 'ok' : 'FAILED'}`,
  );
  say();
  say(`5. 重新生成（regenerated）: ${r.generated.join(', ')} → ${join(workDir, 'generated')}`);
  say();
  say(`6. 文档（documentation）: ${r.docs.files.length} 个文件（files）, ${r.docs.page}`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
