import { check } from '@mpk/compiler';
import { resolveUserPath, userCwd } from '../context.ts';
import { useColor } from './build.ts';
import type { CliCommand } from './types.ts';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../../output/report.ts';

interface CheckFlags {
  format?: string;
  json?: boolean;
  root?: string;
}

export const checkCommand: CliCommand = {
  usage: 'check [project]',
  description: 'Report every problem in a mini-program project (configs, templates, SJS, styles, logic, size limits) without writing anything',
  options: [
    ['--format <format>', `Output format: ${REPORT_FORMATS.join(', ')} (default: text)`],
    ['--json', 'Same as --format json'],
    ['--root <dir>', 'Print file paths relative to this directory (default: the current one), e.g. the repository root in a monorepo'],
  ],
  examples: ['mpk check examples/shop', 'mpk check . --format sarif > mpk.sarif', 'mpk check packages/app --format github --root .'],
  async run(args, io) {
    const project = resolveUserPath(typeof args[0] === 'string' ? args[0] : '.');
    const flags = (args[args.length - 1] ?? {}) as CheckFlags;
    const format = flags.format ?? (flags.json ? 'json' : 'text');
    if (typeof format !== 'string' || !(REPORT_FORMATS as readonly string[]).includes(format)) {
      io.stderr(`mpk check: --format takes ${REPORT_FORMATS.join(', ')}; got ${JSON.stringify(flags.format)}\n`);
      return 2;
    }
    if (flags.json && format !== 'json') {
      io.stderr(`mpk check: --json is --format json; it cannot be combined with --format ${format}\n`);
      return 2;
    }
    if (flags.root !== undefined && (typeof flags.root !== 'string' || flags.root === '')) {
      io.stderr('mpk check: --root takes a directory\n');
      return 2;
    }
    const base = flags.root !== undefined ? resolveUserPath(flags.root) : userCwd();
    const result = await check(project);
    const color = format === 'text' && useColor(io, 'stdout');
    io.stdout(formatReport(format as ReportFormat, result.diagnostics, { projectDir: project, ...(result.root ? { root: result.root } : {}), base }, color));
    return result.ok ? 0 : 1;
  },
};
