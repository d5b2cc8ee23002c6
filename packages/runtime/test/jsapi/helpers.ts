/**
 * Drives the registry the way the container does: `invoke` messages in, `reply` messages out,
 * with fake container services that record what the JSAPI asked of them.
 */

import type { HostToLogic, InvokeMessage, ReplyMessage } from '../../src/contract/protocol.ts';
import type { AppConfig, ExtConfig } from '../../src/contract/package-format.ts';
import type { SelectorQueryRequest } from '../../src/contract/renderer.ts';
import { createJsapi, createMemoryStorage, type ContainerServices, type HostOptions, type Jsapi } from '../../src/jsapi/index.ts';

export function appConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    pages: ['pages/index/index'],
    entryPagePath: 'pages/index/index',
    window: {},
    subPackages: [],
    networkTimeout: { request: 30000, connectSocket: 30000, uploadFile: 60000, downloadFile: 60000 },
    ...overrides,
  };
}

export interface FakeServices extends ContainerServices {
  emitted: HostToLogic[];
  navigations: { op: string; args: { url?: string; delta?: number } }[];
  pageUi: { type: string; pageId: number; args?: unknown }[];
  queries: { pageId: number; requests: SelectorQueryRequest[] }[];
  page: { id: number; route: string } | undefined;
  /** What `referrer()` answers (the app that opened this one). */
  opener: string | undefined;
  /** What `userActivated()` answers. */
  activated: boolean;
  /** Resolves with the first emitted message (past or future) that matches. */
  waitFor<T extends HostToLogic>(match: (message: HostToLogic) => message is T, timeoutMs?: number): Promise<T>;
  waitFor(match: (message: HostToLogic) => boolean, timeoutMs?: number): Promise<HostToLogic>;
}

export function fakeServices(): FakeServices {
  const waiters: { match: (m: HostToLogic) => boolean; resolve: (m: HostToLogic) => void }[] = [];
  const services: FakeServices = {
    emitted: [],
    navigations: [],
    pageUi: [],
    queries: [],
    page: { id: 7, route: 'pages/index/index' },
    opener: undefined,
    activated: false,
    referrer: () => services.opener,
    userActivated: () => services.activated,
    async navigate(op, args) {
      services.navigations.push({ op, args });
    },
    emit(messages) {
      for (const message of messages) {
        services.emitted.push(message);
        for (const waiter of [...waiters]) {
          if (waiter.match(message)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(message);
          }
        }
      }
    },
    currentPage: () => services.page,
    selectorQuery(pageId, requests) {
      services.queries.push({ pageId, requests });
      return requests.map((r) => (r.all ? [{ id: 'a' }] : { id: r.selector }));
    },
    stopPullDownRefresh: (pageId) => void services.pageUi.push({ type: 'stopPullDownRefresh', pageId }),
    startPullDownRefresh: (pageId) => void services.pageUi.push({ type: 'startPullDownRefresh', pageId }),
    pageScrollTo: (pageId, args) => void services.pageUi.push({ type: 'pageScrollTo', pageId, args }),
    selectComponents: () => [],
    componentCall: (_pageId, call) => ({ ok: false, error: 1, errorMessage: `${call.component}: no renderer` }),
    observeIntersection: () => undefined,
    shared: (share) => (share.page === services.page?.id ? services.page.route : undefined),
    requestShare: (pageId, from) => void services.pageUi.push({ type: 'requestShare', pageId, args: { from } }),
    hideShareMenu: (pageId) => void services.pageUi.push({ type: 'hideShareMenu', pageId }),
    waitFor(match: (message: HostToLogic) => boolean, timeoutMs = 5000): Promise<any> {
      const past = services.emitted.find(match);
      if (past) return Promise.resolve(past);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching message was emitted')), timeoutMs);
        waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
  };
  return services;
}

export interface Harness {
  jsapi: Jsapi;
  services: FakeServices;
  /** Async invoke; returns the reply. */
  call(api: string, args?: unknown, extra?: Partial<InvokeMessage>): Promise<ReplyMessage>;
  callSync(api: string, args?: unknown): ReplyMessage;
  /** The invoke's cb of the last `start`ed call (a task id). */
  start(api: string, args?: unknown): { cb: number; reply: Promise<ReplyMessage> };
}

let nextCb = 1;

/** A registry with memory storage (unless the host says otherwise) and fake services. */
export function harness(host: HostOptions = {}, options: { appId?: string; app?: AppConfig; services?: FakeServices; ext?: ExtConfig } = {}): Harness {
  const services = options.services ?? fakeServices();
  const jsapi = createJsapi({
    appId: options.appId ?? 'test-app',
    app: options.app ?? appConfig(),
    ext: options.ext,
    host: { storage: createMemoryStorage(), ...host },
    services,
  });
  const start = (api: string, args?: unknown, extra: Partial<InvokeMessage> = {}) => {
    const cb = nextCb++;
    return { cb, reply: jsapi.invoke({ t: 'invoke', cb, api, args, ...extra }) };
  };
  return {
    jsapi,
    services,
    start,
    call: (api, args, extra) => start(api, args, extra).reply,
    callSync: (api, args) => jsapi.invokeSync({ t: 'invoke', cb: nextCb++, api, args, sync: true }),
  };
}

/** The result of a successful reply (fails the test otherwise). */
export function ok(reply: ReplyMessage): any {
  if (!reply.ok) throw new Error(`expected success, got error ${reply.error.error}: ${reply.error.errorMessage}`);
  return reply.result;
}
