import type { CliCommand } from './types.ts';

export const devCommand: CliCommand = {
  usage: 'dev [target]',
  description: '(not implemented yet)',
  async run(_args, io) {
    io.stderr('mpk dev: not implemented yet\n');
    return 2;
  },
};
