import { cac } from 'cac';
import { guardPipe, processIO, type CliIO } from './context.ts';
import { commands } from './commands/index.ts';
import { devtoolsVersion } from './version.ts';
import { terminalText } from '../output/terminal.ts';

/** Runs the `mpk` CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  if (io === processIO) {
    // `mpk … | head -1`: a reader that goes away must not crash the process (cac's help writes to the console too).
    guardPipe(process.stdout);
    guardPipe(process.stderr);
  }
  const cli = cac('mpk');
  let pending: Promise<number> | undefined;
  for (const command of commands) {
    const c = cli.command(command.usage, command.description);
    for (const [flags, description, config] of command.options ?? []) {
      c.option(flags, description, config);
      // cac gives every --no-x option a default of true and prints "(default: true)" after
      // "Do not …", which reads as the opposite; without it the flag is undefined unless given.
      const option = c.options[c.options.length - 1]!;
      if (option.negated && config?.default === undefined) delete option.config.default;
    }
    for (const example of command.examples ?? []) c.example(example);
    c.action((...args: unknown[]) => {
      pending = command.run(args, io, argv);
    });
  }
  cli.option('-v, --version', 'Print the version');
  cli.help();
  try {
    cli.parse(['node', 'mpk', ...argv], { run: false });
    if (cli.options.version) {
      io.stdout(`mpk ${devtoolsVersion()}\n`);
      return 0;
    }
    if (!cli.matchedCommand) {
      if (cli.options.help || cli.options.h) return 0;
      if (cli.args.length > 0) {
        io.stderr(`mpk: unknown command ${JSON.stringify(terminalText(String(cli.args[0]), { multiline: false }))}\nRun mpk --help for the commands: ${commands.map((c) => c.usage.split(' ')[0]).join(', ')}\n`);
        return 2;
      }
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
