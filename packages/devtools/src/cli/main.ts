import { cac } from 'cac';
import { processIO, type CliIO } from './context.ts';
import { commands } from './commands/index.ts';
import { terminalText } from '../output/terminal.ts';

/** Runs the `mpk` CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const cli = cac('mpk');
  let pending: Promise<number> | undefined;
  for (const command of commands) {
    const c = cli.command(command.usage, command.description);
    for (const [flags, description, config] of command.options ?? []) c.option(flags, description, config);
    for (const example of command.examples ?? []) c.example(example);
    c.action((...args: unknown[]) => {
      pending = command.run(args, io, argv);
    });
  }
  cli.help();
  try {
    cli.parse(['node', 'mpk', ...argv], { run: false });
    if (!cli.matchedCommand) {
      if (cli.options.help || cli.options.h) return 0;
      cli.outputHelp();
      return argv.length === 0 ? 0 : 2;
    }
    await cli.runMatchedCommand();
    return pending ? await pending : 0;
  } catch (error) {
    io.stderr(`mpk: ${terminalText((error as Error).message)}\n`);
    return 2;
  }
}
