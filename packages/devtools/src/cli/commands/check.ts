import { check, formatDiagnosticsJson } from '@mpk/compiler';
import { resolveUserPath } from '../context.ts';
import { printDiagnostics, useColor } from './build.ts';
import type { CliCommand } from './types.ts';

export const checkCommand: CliCommand = {
  usage: 'check [project]',
  description: 'Report every problem in a mini-program project (configs, templates, SJS, styles, logic, size limits) without writing anything',
  options: [['--json', 'Print the diagnostics as a JSON array']],
  examples: ['mpk check examples/shop', 'mpk check . --json'],
  async run(args, io) {
    const project = resolveUserPath(typeof args[0] === 'string' ? args[0] : '.');
    const flags = (args[args.length - 1] ?? {}) as { json?: boolean };
    const result = await check(project);
    if (flags.json) io.stdout(formatDiagnosticsJson(result.diagnostics));
    else printDiagnostics(result, io.stdout, useColor(io, 'stdout'));
    return result.ok ? 0 : 1;
  },
};
