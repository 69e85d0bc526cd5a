export type {
  Command,
  CommandContext,
  CommandSpec,
  Format,
  OptionSpec,
  OptionSpecs,
  OptionValues,
  ParsedArgs,
  Text,
} from './_internal/command.js';
export { defineCommand, UsageError } from './_internal/command.js';
export { EXIT, exitCodeOf } from './_internal/exit.js';
export { main } from './main.js';
