/**
 * The emulator's document database: one NeDB datastore per (env, collection), persisted as
 * `<dataDir>/<env>/db/<collection>.db` (NeDB's append-only file, compacted on close). Every
 * operation on a collection runs in turn (an update that reads and then writes is never
 * interleaved with another), and everything the guest sends is bounded: documents, results and
 * the number of collections.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Datastore } from './nedb.ts';
import type { CloudQuery } from './types.ts';
import { runPipeline, type Stage } from './aggregate.ts';
import { checkName, cloudError, FAILED, INVALID, isCloudError } from './errors.ts';
import { checkPath, isObject, modifiersFor, resolveValue, toNedbQuery, toProjection, translateUpdate, type Doc } from './query.ts';

export interface DatabaseLimits {
  /** Largest document the guest may write, as JSON (default 1 MiB). */
  maxDocumentBytes: number;
  /** Most documents one get returns (and the cap on limit(); default 1000). */
  maxResults: number;
  /** Collections per env (default 100). */
  maxCollections: number;
}

export const DEFAULT_DATABASE_LIMITS: DatabaseLimits = { maxDocumentBytes: 1024 * 1024, maxResults: 1000, maxCollections: 100 };

export type DatabaseAction = 'get' | 'count' | 'add' | 'update' | 'set' | 'remove';

export interface DatabaseRequest {
  env: string;
  collection: string;
  action: DatabaseAction;
  doc?: string;
  query?: CloudQuery;
  data?: unknown;
}

interface Collection {
  store: Datastore;
  /** The tail of this collection's operation chain. */
  tail: Promise<unknown>;
}

export class CloudDatabase {
  private readonly collections = new Map<string, Promise<Collection>>();
  private closed = false;

  constructor(
    private readonly dataDir: string,
    private readonly limits: DatabaseLimits = DEFAULT_DATABASE_LIMITS,
  ) {}

  /** Runs `body` on the collection after every operation queued before it. */
  private async withCollection<T>(env: string, name: string, body: (store: Datastore) => Promise<T>): Promise<T> {
    if (this.closed) throw cloudError(FAILED, 'the cloud emulator is closed');
    const collection = await this.open(checkName('env', env), checkName('collection', name));
    const run = collection.tail.then(() => body(collection.store));
    collection.tail = run.catch(() => undefined);
    try {
      return await run;
    } catch (error) {
      if (isCloudError(error)) throw error;
      // NeDB's own refusals (a field name with a dot, mixing kept and omitted fields…) are bad input.
      throw cloudError(INVALID, error instanceof Error ? error.message : String(error));
    }
  }

  private open(env: string, name: string): Promise<Collection> {
    const key = `${env}/${name}`;
    let opened = this.collections.get(key);
    if (!opened) {
      const inEnv = [...this.collections.keys()].filter((k) => k.startsWith(`${env}/`)).length;
      if (inEnv >= this.limits.maxCollections) throw cloudError(INVALID, `env ${env} has ${inEnv} collections, the emulator's limit (maxCollections)`);
      opened = (async () => {
        const dir = path.join(this.dataDir, env, 'db');
        await mkdir(dir, { recursive: true });
        const store = new Datastore({ filename: path.join(dir, `${name}.db`) });
        await store.loadDatabaseAsync();
        return { store, tail: Promise.resolve() };
      })();
      opened.catch(() => this.collections.delete(key));
      this.collections.set(key, opened);
    }
    return opened;
  }

  private checkSize(data: unknown): void {
    const bytes = Buffer.byteLength(JSON.stringify(data) ?? '');
    if (bytes > this.limits.maxDocumentBytes) throw cloudError(INVALID, `the document is ${bytes} bytes, over the emulator's limit of ${this.limits.maxDocumentBytes} (maxDocumentBytes)`);
  }

  async request(request: DatabaseRequest): Promise<unknown> {
    const { env, collection, action, doc, query, data } = request;
    const now = Date.now();
    const byId = doc === undefined ? undefined : { _id: String(doc) };
    const selector = () => byId ?? toNedbQuery(query?.where);
    return this.withCollection(env, collection, async (store) => {
      switch (action) {
        case 'get': {
          if (byId) {
            const found = await store.findOneAsync(byId);
            if (!found) throw cloudError(FAILED, `document.get: document ${doc} does not exist`);
            return { data: found };
          }
          let cursor = store.findAsync(selector(), toProjection(query?.field));
          const sort = Object.fromEntries((query?.orderBy ?? []).map(({ field, order }) => [checkPath(field), order === 'desc' ? -1 : 1]));
          if (Object.keys(sort).length > 0) cursor = cursor.sort(sort);
          if (query?.skip) cursor = cursor.skip(Math.max(0, Math.floor(query.skip)));
          const limit = query?.limit === undefined ? this.limits.maxResults : Math.min(Math.max(0, Math.floor(query.limit)), this.limits.maxResults);
          return { data: await cursor.limit(limit) };
        }
        case 'count':
          return { total: await store.countAsync(selector()) };
        case 'add': {
          if (!isObject(data)) throw cloudError(INVALID, 'add: data must be an object');
          const added = resolveValue(data, now) as Doc;
          if (added._id !== undefined && (typeof added._id !== 'string' || added._id === '')) throw cloudError(INVALID, 'add: _id must be a non-empty string');
          this.checkSize(added);
          if (typeof added._id === 'string' && (await store.findOneAsync({ _id: added._id }))) throw cloudError(INVALID, `add: a document with _id ${added._id} already exists`);
          const inserted = await store.insertAsync(added);
          return { _id: inserted._id };
        }
        case 'set': {
          if (!byId) throw cloudError(INVALID, 'set needs a document (collection.doc(id).set)');
          if (!isObject(data)) throw cloudError(INVALID, 'set: data must be an object');
          const replaced = { ...(resolveValue(data, now) as Doc), _id: byId._id };
          this.checkSize(replaced);
          const { numAffected, upsert } = await store.updateAsync(byId, replaced, { upsert: true });
          return { _id: byId._id, stats: { updated: upsert ? 0 : numAffected, created: upsert ? 1 : 0 } };
        }
        case 'update': {
          const update = translateUpdate(data, now);
          const targets = await store.findAsync<Doc>(selector());
          for (const target of targets) {
            const modifiers = modifiersFor(update, target);
            const { affectedDocuments } = await store.updateAsync({ _id: target._id }, modifiers, { returnUpdatedDocs: true });
            // Too big after the update: put the document back as it was.
            try {
              this.checkSize(affectedDocuments);
            } catch (error) {
              await store.updateAsync({ _id: target._id }, target);
              throw error;
            }
          }
          return { stats: { updated: targets.length } };
        }
        case 'remove': {
          const removed = await store.removeAsync(selector(), { multi: true });
          return { stats: { removed } };
        }
      }
      throw cloudError(INVALID, `unknown database action ${JSON.stringify(action)}`);
    });
  }

  aggregate(env: string, collection: string, pipeline: Stage[]): Promise<{ list: Doc[] }> {
    if (!Array.isArray(pipeline)) throw cloudError(INVALID, 'aggregate: pipeline must be an array');
    return this.withCollection(env, collection, async (store) => {
      const list = await runPipeline(pipeline, (query) => store.findAsync<Doc>(query));
      return { list: list.slice(0, this.limits.maxResults) };
    });
  }

  /** Waits for every queued operation and compacts the data files (the next open loads them fast). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const all = await Promise.allSettled(this.collections.values());
    for (const opened of all) {
      if (opened.status !== 'fulfilled') continue;
      await opened.value.tail;
      await opened.value.store.compactDatafileAsync().catch(() => undefined);
    }
    this.collections.clear();
  }
}
