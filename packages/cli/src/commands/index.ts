import type { AnyCommand, Text } from '../_internal/command.js';
import { codelistCommands } from './codelist.js';
import { convertCommands } from './convert.js';
import { demoCommands } from './demo.js';
import { keysCommands } from './keys.js';
import { logCommands } from './log.js';
import { mappingCommands } from './mapping.js';
import { noteCommands } from './note.js';
import { policyCommands } from './policy.js';
import { sealCommands } from './seal.js';
import { signCommands } from './sign.js';
import { standardsCommands } from './standards.js';
import { storeCommands } from './store.js';
import { validateCommands } from './validate.js';
import { witnessCommands } from './witness.js';

/** Every `gds` command. Each group lives in its own file and is registered here with one line. */
export const commands: AnyCommand[] = [
  ...validateCommands,
  ...codelistCommands,
  ...standardsCommands,
  ...convertCommands,
  ...mappingCommands,
  ...keysCommands,
  ...signCommands,
  ...sealCommands,
  ...logCommands,
  ...witnessCommands,
  ...noteCommands,
  ...policyCommands,
  ...storeCommands,
  ...demoCommands,
];

/** What each group of commands is for, shown by `gds <group>` and `gds help <group>`. */
export const groups: Record<string, Text> = {
  codelist: { zh: '随附的代码表', en: 'the shipped code lists' },
  standards: {
    zh: '标准的版本、兼容性、发布与文档',
    en: 'versions, compatibility, releases and docs of the standards',
  },
  keys: { zh: '密钥环（./.gds/keys）', en: 'the keyring (./.gds/keys)' },
  log: { zh: '可验证日志（SQLite，位于 ./.gds）', en: 'the verifiable log (SQLite, in ./.gds)' },
  witness: { zh: 'C2SP tlog-witness 见证人', en: 'C2SP tlog-witness witnesses' },
  note: { zh: 'C2SP 签名笔记', en: 'C2SP signed notes' },
  grant: { zh: '共享授权', en: 'sharing grants' },
  mapping: { zh: '映射文件', en: 'mapping files' },
  store: {
    zh: '集中存储的黄金记录（./.gds/store.sqlite 或 PostgreSQL）',
    en: 'the integrated golden records (./.gds/store.sqlite or PostgreSQL)',
  },
};
