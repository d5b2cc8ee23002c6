import type { CliCommand } from './types.ts';
import { createCommand } from './create.ts';
import { devCommand } from './dev.ts';
import { buildCommand } from './build.ts';
import { checkCommand } from './check.ts';
import { runCommand } from './run.ts';
import { testCommand } from './test.ts';
import { keygenCommand } from './keygen.ts';

export const commands: CliCommand[] = [createCommand, devCommand, buildCommand, checkCommand, runCommand, testCommand, keygenCommand];
