import type { Command } from '../_internal/command.js';
import { codelistCommands } from './codelist.js';
import { convertCommands } from './convert.js';
import { demoCommands } from './demo.js';
import { keysCommands } from './keys.js';
import { logCommands } from './log.js';
import { noteCommands } from './note.js';
import { policyCommands } from './policy.js';
import { sealCommands } from './seal.js';
import { signCommands } from './sign.js';
import { standardsCommands } from './standards.js';
import { validateCommands } from './validate.js';
import { witnessCommands } from './witness.js';

/** Every `gds` command. Each group lives in its own file and is registered here with one line. */
export const commands: Command[] = [
  ...validateCommands,
  ...codelistCommands,
  ...standardsCommands,
  ...convertCommands,
  ...keysCommands,
  ...signCommands,
  ...sealCommands,
  ...logCommands,
  ...witnessCommands,
  ...noteCommands,
  ...policyCommands,
  ...demoCommands,
];
