import type { CliCommand } from './types.ts';

export const buildCommand: CliCommand = {
  usage: 'build [target]',
  description: '(not implemented yet)',
  async run(_args, io) {
    io.stderr('mpk build: not implemented yet\n');
    return 2;
  },
};
