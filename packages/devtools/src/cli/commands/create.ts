import type { CliCommand } from './types.ts';

export const createCommand: CliCommand = {
  usage: 'create [target]',
  description: '(not implemented yet)',
  async run(_args, io) {
    io.stderr('mpk create: not implemented yet\n');
    return 2;
  },
};
