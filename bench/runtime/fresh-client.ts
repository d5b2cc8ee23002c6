/** Runs `fresh-probe.ts` in a new Node process and returns what it measured plus the child's wall time. */

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface FreshProbeRequest {
  /** A built package directory. */
  packageDir: string;
  engine: 'quickjs' | 'vm';
  page: string;
}

export interface FreshProbeResult {
  engine: 'quickjs' | 'vm';
  /** In the child: just before createContainer() → the page's `ready`. */
  firstRenderMs: number;
  /** In the child: createContainer() alone (sandbox boot, base library, package read). */
  createMs: number;
  /** performance.now() in the child once the runtime was imported (process start → modules loaded). */
  importedAtMs: number;
}

const probe = fileURLToPath(new URL('./fresh-probe.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The child's figures and `processMs`: spawn → exit as the parent saw it (node start, tsx, imports, the launch). */
export function runFreshProbe(request: FreshProbeRequest): Promise<FreshProbeResult & { processMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', probe, JSON.stringify(request)], { cwd: repoRoot, maxBuffer: 1 << 20, timeout: 120_000 }, (error, stdout, stderr) => {
      const processMs = performance.now() - started;
      if (error) {
        reject(new Error(`fresh-process probe (${request.engine}) failed: ${stderr.trim() || error.message}`));
        return;
      }
      try {
        resolve({ ...(JSON.parse(stdout) as FreshProbeResult), processMs });
      } catch {
        reject(new Error(`fresh-process probe printed no result: ${stdout.slice(0, 200)} ${stderr.slice(0, 500)}`));
      }
    });
  });
}
