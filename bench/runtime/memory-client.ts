/** Runs `memory-probe.ts` in a fresh Node process and returns what it measured. */

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface MemoryProbeRequest {
  /** A built package directory. */
  packageDir: string;
  engine: 'quickjs' | 'vm';
  /** Page each container opens. */
  page: string;
  /** The per-container figure is the slope over the first `first` containers… */
  first: number;
  /** …and the check keeps going up to `total` live containers. */
  total: number;
}

export interface MemoryProbeResult {
  engine: 'quickjs' | 'vm';
  page: string;
  firstCount: number;
  count: number;
  /** Bytes per container over the first `firstCount` (after full GCs). */
  perContainer: { rss: number; heapUsed: number; external: number };
  /** Bytes of growth with all `count` containers alive. */
  total: { rss: number; heapUsed: number; external: number };
  /** One QuickJS container's WebAssembly memory (reserved size); undefined for vm. */
  wasmBytes?: number;
  /** Mean time to create and launch one container while they pile up. */
  launchMs: number;
}

const probe = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function runMemoryProbe(request: MemoryProbeRequest): Promise<MemoryProbeResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', probe, JSON.stringify(request)],
      { cwd: repoRoot, maxBuffer: 1 << 20, timeout: 300_000 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`memory probe (${request.engine}, ${request.page}) failed: ${stderr.trim() || error.message}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout) as MemoryProbeResult);
        } catch {
          reject(new Error(`memory probe printed no result: ${stdout.slice(0, 200)} ${stderr.slice(0, 500)}`));
        }
      },
    );
  });
}
