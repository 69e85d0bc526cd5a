export type { Command, CommandContext } from './_internal/command.js';
export { UsageError } from './_internal/command.js';
export { main } from './main.js';
