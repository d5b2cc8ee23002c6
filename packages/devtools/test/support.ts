/** What the devtools tests share: projects written to a temporary folder, and captured CLI output. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { CliIO } from '../src/cli/context.ts';

/**
 * A temporary folder for this test file (removed after it) and `project(files)`, which writes
 * each `{ 'relative/path': text }` into a new subfolder and returns that folder.
 */
export async function tempProjects(prefix: string): Promise<{ tmp: string; project: (files: Record<string, string>) => Promise<string> }> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), prefix));
  afterAll(() => rm(tmp, { recursive: true, force: true }));
  async function project(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(path.join(tmp, 'app-'));
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    return dir;
  }
  return { tmp, project };
}

/** A CliIO that collects what a command writes, for `main(argv, io)`. */
export function capture(): { out: { stdout: string; stderr: string }; io: CliIO } {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}
