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
      const cd = shown === '.' ? '' : `  cd ${shown}\n`;
      io.stdout(
        `Created ${result.files.length} files in ${dir}\n\nNext:\n${cd}` +
          '  npm run dev      # the simulator with hot reload (mpk dev .)\n' +
          '  npm test         # its tests, with the mpk harness (mpk test .)\n' +
          '  npm run build    # the package, in dist/ (mpk build .)\n',
      );
      return 0;
    } catch (error) {
      io.stderr(`mpk create: ${(error as Error).message}\n`);
      return 1;
    }
  },
};
