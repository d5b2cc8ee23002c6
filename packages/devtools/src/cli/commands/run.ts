import type { CliCommand } from './types.ts';

export const runCommand: CliCommand = {
  usage: 'run [target]',
  description: '(not implemented yet)',
  async run(_args, io) {
    io.stderr('mpk run: not implemented yet\n');
    return 2;
  },
};
