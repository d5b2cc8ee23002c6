import type { CliCommand } from './types.ts';

export const testCommand: CliCommand = {
  usage: 'test [target]',
  description: '(not implemented yet)',
  async run(_args, io) {
    io.stderr('mpk test: not implemented yet\n');
    return 2;
  },
};
