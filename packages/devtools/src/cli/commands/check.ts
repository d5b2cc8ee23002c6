import type { CliCommand } from './types.ts';

export const checkCommand: CliCommand = {
  usage: 'check [target]',
  description: '(not implemented yet)',
  async run(_args, io) {
    io.stderr('mpk check: not implemented yet\n');
    return 2;
  },
};
