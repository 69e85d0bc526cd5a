import type { Command } from '../_internal/command.js';
import { convertCommands } from './convert.js';
import { standardsCommands } from './standards.js';
import { validateCommands } from './validate.js';

/** Every `gds` command. Each group lives in its own file and is registered here with one line. */
export const commands: Command[] = [...validateCommands, ...standardsCommands, ...convertCommands];
