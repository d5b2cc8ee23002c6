import path from 'node:path';
import { resolveUserPath, userCwd } from '../context.ts';
import { scaffold, type TemplateKind } from '../../create/scaffold.ts';
import type { CliCommand } from './types.ts';

export const createCommand: CliCommand = {
  usage: 'create <dir>',
  description: 'Create a mini-program project that builds, runs and has a passing test',
  options: [['--template <kind>', 'js or ts', { default: 'js' }]],
  examples: ['mpk create my-app', 'mpk create my-app --template ts'],
  async run(args, io) {
    const dir = resolveUserPath(String(args[0]));
    const { template } = (args[args.length - 1] ?? {}) as { template?: string };
    try {
      const result = await scaffold(dir, (template ?? 'js') as TemplateKind);
      const shown = path.relative(userCwd(), dir) || '.';
      io.stdout(`Created ${result.files.length} files in ${dir}\n\nNext:\n  pnpm mpk dev ${shown}     # simulator with hot reload\n  pnpm mpk run ${shown}     # render headless\n  pnpm mpk test ${shown}    # run its tests\n`);
      return 0;
    } catch (error) {
      io.stderr(`mpk create: ${(error as Error).message}\n`);
      return 1;
    }
  },
};
