/**
 * What the attack-style tests share: a small mini-program that shows when its code ran (it logs
 * and writes storage in App.onLaunch), built into a package directory the test can then damage.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from '@mpk/compiler';
import { createContainer, createMemoryStorage, HeadlessRenderer, type Container, type ContainerOptions, type StorageBackend } from '@mpk/runtime';
import { writeProject, type ProjectFiles } from '../support/project.ts';

const dirs = new Set<string>();
const containers = new Set<Container>();

export async function tempDir(prefix = 'mpk-sec-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  dirs.add(dir);
  return dir;
}

/** An app whose code leaves traces: a log line at load, `ran` in storage at launch, its text on the page. */
export const PROBE_APP: ProjectFiles = {
  'mini.project.json': { name: 'probe' },
  'app.js': "console.log('app code ran');\nApp({ onLaunch() { my.setStorageSync({ key: 'ran', data: true }); } });\n",
  'pages/index/index.axml': '<view id="hello">hello {{who}}</view>',
  'pages/index/index.js': "Page({ data: { who: 'world' } });\n",
};

/** Writes and builds a project; returns the package directory (and the project directory). */
export async function buildPackage(files: ProjectFiles = PROBE_APP): Promise<{ project: string; dist: string }> {
  const project = await writeProject(files);
  const dist = path.join(project, 'dist');
  const result = await build(project, { outDir: dist });
  if (!result.ok) throw new Error(`build failed: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return { project, dist };
}

export interface Run {
  container?: Container;
  error?: Error;
  logs: string[];
  storage: StorageBackend;
}

/** Creates and launches a container; records what the app did and how it ended. */
export async function run(options: Partial<ContainerOptions> & Pick<ContainerOptions, 'pkg'>, storage: StorageBackend = createMemoryStorage()): Promise<Run> {
  const logs: string[] = [];
  const result: Run = { logs, storage };
  try {
    const container = await createContainer({ renderer: new HeadlessRenderer(), host: { storage, ...options.host }, ...options });
    containers.add(container);
    result.container = container;
    container.on('log', (entry) => logs.push(entry.args.map(String).join(' ')));
    await container.launch();
  } catch (error) {
    result.error = error as Error;
  }
  return result;
}

/** Whether any app code ran in `r`: its log line, or what it stored under any app id. */
export function appCodeRan(r: Run): boolean {
  return r.logs.includes('app code ran') || (r.container ? r.storage.keys(r.container.appId).includes('ran') : false);
}

export async function cleanup(): Promise<void> {
  await Promise.all([...containers].map((c) => c.destroy().catch(() => undefined)));
  containers.clear();
  await Promise.all([...dirs].map((d) => rm(d, { recursive: true, force: true })));
  dirs.clear();
}
