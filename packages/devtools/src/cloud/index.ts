/**
 * The local cloud-development emulator: a `CloudAdapter` (the interface a host implements for
 * `my.cloud` / `Cloud`, @mpk/runtime's adapters/cloud.ts) answered from disk — the document
 * database on NeDB, file storage, and the project's cloud functions each in a QuickJS sandbox.
 *
 * ```ts
 * const cloud = await createCloudEmulator({ projectDir: 'my-app' });
 * const app = await launch('my-app', { host: { cloud } });   // or launch(dir, { cloud: 'emulator' })
 * await cloud.close();
 * ```
 *
 * Data lives under `dataDir` (default `<projectDir>/.mpk/cloud`), one directory per env:
 * `<env>/db/<collection>.db` and `<env>/storage/<cloudPath>`. A request whose env is empty (`Cloud`
 * used without `Cloud.init({ env })`) uses `defaultEnv`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CloudAdapter, CloudRequest, HostContext } from './types.ts';
import { CloudDatabase, DEFAULT_DATABASE_LIMITS, type DatabaseLimits, type DatabaseRequest } from './database.ts';
import { checkName, cloudError, INVALID } from './errors.ts';
import { CloudFunctions, DEFAULT_FUNCTION_LIMITS, type FunctionLimits, type FunctionLog } from './functions.ts';
import { CloudStorage, type StorageOptions } from './storage.ts';

export { checkCloudPath } from './storage.ts';
export { AGGREGATE_STAGES, ACCUMULATORS } from './aggregate.ts';
export { SERVER_SDK_MODULES, type FunctionLog, type FunctionLimits } from './functions.ts';
export type { DatabaseLimits } from './database.ts';

export interface CloudEmulatorOptions extends StorageOptions {
  /** The mini-program project; its cloud folder is found from mini.project.json. */
  projectDir?: string;
  /** The cloud functions' folder (default: see `findCloudFunctionsDir`). */
  functionsDir?: string;
  /** Where the database and files are kept (default `<projectDir>/.mpk/cloud`). */
  dataDir?: string;
  /** The env of requests that name none (default `'default'`). */
  defaultEnv?: string;
  functions?: Partial<FunctionLimits>;
  database?: Partial<DatabaseLimits>;
  /** Where the functions' console output goes (default: nowhere). */
  onLog?: (log: FunctionLog) => void;
}

export interface CloudEmulator extends CloudAdapter {
  readonly dataDir: string;
  /** The cloud functions' folder, if the project has one. */
  readonly functionsDir: string | undefined;
  /** The functions the folder holds. */
  functionNames(): string[];
  /** A stored file's bytes (the dev server serves temporary URLs with it). */
  readFile(env: string, cloudPath: string): Promise<Uint8Array | undefined>;
  /** Finishes queued writes and compacts the data files; later requests fail. */
  close(): Promise<void>;
}

/** mini.project.json keys that name the cloud functions' folder (支付宝云开发 projects write either). */
export const CLOUD_ROOT_KEYS = ['cloudfunctionRoot', 'cloudbaseRoot'] as const;
/** Folders tried when mini.project.json names none. */
export const CLOUD_DEFAULT_DIRS = ['cloud', 'cloudfunctions'] as const;

/** The project's cloud functions' folder: mini.project.json's `cloudfunctionRoot`/`cloudbaseRoot`, else `cloud/` or `cloudfunctions/`. */
export function findCloudFunctionsDir(projectDir: string): string | undefined {
  const isDir = (dir: string) => existsSync(dir) && statSync(dir).isDirectory();
  try {
    const config = JSON.parse(readFileSync(path.join(projectDir, 'mini.project.json'), 'utf8')) as Record<string, unknown>;
    for (const key of CLOUD_ROOT_KEYS) {
      const value = config[key];
      if (typeof value !== 'string' || value === '') continue;
      const dir = path.resolve(projectDir, value);
      // The folder must be inside the project.
      if ((dir === projectDir || dir.startsWith(projectDir + path.sep)) && isDir(dir)) return dir;
    }
  } catch {
    /* no (readable) mini.project.json */
  }
  for (const name of CLOUD_DEFAULT_DIRS) if (isDir(path.join(projectDir, name))) return path.join(projectDir, name);
  return undefined;
}

export async function createCloudEmulator(options: CloudEmulatorOptions = {}): Promise<CloudEmulator> {
  const projectDir = options.projectDir === undefined ? undefined : path.resolve(options.projectDir);
  const dataDir = path.resolve(options.dataDir ?? (projectDir ? path.join(projectDir, '.mpk', 'cloud') : path.join(process.cwd(), '.mpk', 'cloud')));
  const functionsDir = options.functionsDir ? path.resolve(options.functionsDir) : projectDir ? findCloudFunctionsDir(projectDir) : undefined;
  const defaultEnv = checkName('env', options.defaultEnv ?? 'default');
  const database = new CloudDatabase(dataDir, { ...DEFAULT_DATABASE_LIMITS, ...options.database });
  const storage = new CloudStorage(dataDir, options);
  const envOf = (env: unknown) => (typeof env === 'string' && env !== '' ? checkName('env', env) : defaultEnv);

  const answer = async (request: CloudRequest, appId: string, depth: number): Promise<unknown> => {
    const env = envOf(request.env);
    switch (request.op) {
      case 'callFunction':
        return functions.call(request.name, request.data, { env, appId, depth });
      case 'database':
        return database.request({ ...(request as DatabaseRequest), env });
      case 'aggregate':
        return database.aggregate(env, request.collection, request.pipeline);
      case 'uploadFile':
        return storage.upload(env, request.cloudPath, request.data);
      case 'downloadFile':
        return storage.download(request.fileID);
      case 'getTempFileURL':
        return storage.tempURLs(Array.isArray(request.fileList) ? request.fileList : []);
      case 'deleteFile':
        return storage.delete(Array.isArray(request.fileList) ? request.fileList : []);
    }
    throw cloudError(INVALID, `unknown cloud operation ${JSON.stringify((request as { op?: unknown }).op)}`);
  };

  const functions = new CloudFunctions(
    functionsDir,
    // What a function's own SDK asks: the same service, one level deeper. Files cross as fileIDs only.
    async (request, call) => {
      if (request.op === 'uploadFile' || request.op === 'downloadFile') {
        throw cloudError(INVALID, `${String(request.op)} is not available inside a cloud function in the emulator (use fileIDs with getTempFileURL / deleteFile)`);
      }
      const value = await answer({ ...request, env: call.env } as CloudRequest, call.appId, call.depth);
      // As the page's SDK resolves it (src/jsapi/apis/cloud.ts wraps the function's return value there).
      return request.op === 'callFunction' ? { result: value ?? null, requestID: `mpk-nested-${call.depth}` } : value;
    },
    { ...DEFAULT_FUNCTION_LIMITS, ...options.functions },
    options.onLog,
    projectDir ?? functionsDir,
  );

  let closed = false;
  return {
    dataDir,
    functionsDir,
    functionNames: () => functions.list(),
    readFile: (env, cloudPath) => storage.read(env, cloudPath),
    request(request: CloudRequest, context: HostContext) {
      if (closed) throw cloudError(3, 'the cloud emulator is closed');
      return answer(request, context.appId, 0);
    },
    async close() {
      closed = true;
      await database.close();
    },
  };
}
