import type { ApiError, HostToLogic } from '../contract/protocol.ts';
import type { AppConfig, ExtConfig } from '../contract/package-format.ts';
import type { ComponentAnswer, ComponentCall, IntersectionEntry, IntersectionRequest, SelectorQueryRequest } from '../contract/renderer.ts';
import type { CanvasExport, CanvasExportOptions } from '../contract/renderer.ts';
import type { CanvasDraw, CanvasTarget } from '../contract/canvas.ts';
import type { HostContext } from '../adapters/context.ts';
import type { ResolvedHost } from './host-options.ts';
import type { Permissions } from './permissions.ts';
import type { ObjectSchema, Schema } from './schema.ts';
import type { TaskTable } from './tasks.ts';

/** What the container implements for the JSAPI. */
export interface ContainerServices {
  /**
   * Route operations; reject with ApiFailure (error codes per the routing docs) — the container owns the page stack.
   * `openedBy`: the invoke's `cb` of a navigateTo, passed on in `pageLoad.openedBy` (its EventChannel).
   */
  navigate(op: 'navigateTo' | 'redirectTo' | 'navigateBack' | 'switchTab' | 'reLaunch', args: { url?: string; delta?: number }, openedBy?: number): Promise<void>;
  /** Send host→logic messages (task events, host events) to this mini-program. */
  emit(messages: HostToLogic[]): void;
  /** The page on top of the stack. */
  currentPage(): { id: number; route: string } | undefined;
  /** Answer my.createSelectorQuery() for a page (the renderer's `query`). */
  selectorQuery(pageId: number, requests: SelectorQueryRequest[]): unknown[];
  /** A VideoContext / MapContext method on an element of a page (the renderer's `control`). */
  componentCall(pageId: number, call: ComponentCall): ComponentAnswer;
  /**
   * `IntersectionObserver.observe`: the renderer watches nodes of page `pageId` and `report`s entries; `ended` runs
   * when the page goes away (its observers end with it). Undefined when the page is gone, the renderer cannot
   * observe, or too many observers are live.
   */
  observeIntersection(pageId: number, request: IntersectionRequest, report: (entry: IntersectionEntry) => void, ended: () => void): (() => void) | undefined;
  /** Page-scoped UI the container/renderer owns. */
  stopPullDownRefresh(pageId: number): void;
  startPullDownRefresh(pageId: number): void;
  pageScrollTo(pageId: number, args: { scrollTop?: number; selector?: string; duration?: number; offsetTop?: number }): void;
  /** `$selectComponent(s)`: ids of the components instance `id` wrote in its template that match `selector`. Throws for a bad selector. */
  selectComponents(id: number, selector: string, all: boolean): number[];
  /** A page's share content arrived (answering a `share` message); returns the page's route, undefined when the page is gone. */
  shared(share: { page: number; request?: number; from: 'menu' | 'button' | 'code'; content?: Record<string, unknown> }): string | undefined;
  /** Asks page `pageId` for its share content (`share` message). */
  requestShare(pageId: number, from: 'menu' | 'button' | 'code'): void;
  /** `my.hideShareMenu`: menu shares of that page stop. */
  hideShareMenu(pageId: number): void;
  /** The appId of the mini-program that opened this one (its launch's `referrerInfo.appId`), for my.navigateBackMiniProgram. */
  referrer(): string | undefined;
  /** Whether the user tapped (or long-tapped, or submitted a form) within the last few seconds: my.exitMiniProgram needs it. */
  userActivated(): boolean;
  /** Canvas (jsapi/apis/canvas.ts): the renderer's, absent when it has none. */
  canvasDraw?(draw: CanvasDraw): Promise<void>;
  canvasExport?(target: CanvasTarget, options: CanvasExportOptions): Promise<CanvasExport>;
  measureText?(text: string, font: string): number | undefined;
  canvasImage?(src: string): Promise<{ width: number; height: number }>;
  canvasPixels?(target: CanvasTarget, rect: { x: number; y: number; width: number; height: number }): Promise<Uint8Array>;
}

export type PermissionState = 'granted' | 'denied' | 'prompt';

export interface ApiCallContext {
  appId: string;
  app: AppConfig;
  /** The package's ext.json, when it has one. */
  ext?: ExtConfig;
  /** The adapters after defaults are applied. */
  host: ResolvedHost;
  services: ContainerServices;
  /** Set for task-method calls (SocketTask.send…): the task's id. */
  task?: number;
  /** The API (or task method) being called. */
  api: string;
  /** The invoke's `cb`. For an API that returns a task, this is the task's id. */
  callId: number;
  /** Aborted when the registry is disposed: long operations stop. */
  signal: AbortSignal;
  tasks: TaskTable;
  permissions: Permissions;
  /** Per-registry state of an API area (the default socket, the cookie jar), created on first use. */
  local<T>(key: string, create: () => T): T;
  /** Who is asking, for host adapters. */
  hostContext(): HostContext;
}

export interface TaskMethodDefinition {
  params?: ObjectSchema;
  result?: Schema;
  handler(args: any, ctx: ApiCallContext & { task: number }): unknown;
  description?: string;
}

/** One declaration per API: from it come validation, canIUse, TS types and mocks. */
export interface ApiDefinition<A = any, R = any> {
  name: string;
  /**
   * async: success/fail/complete + Promise; sync: returns or throws; event: an `onX` / `offX` listener pair (see `defineEvent`);
   * property: a value on `my` (`my.SDKVersion`), only for names the base library provides.
   */
  kind: 'async' | 'sync' | 'event' | 'property';
  /** The single object argument. */
  params?: ObjectSchema;
  /** The success payload (checked before it is sent; also drives types and mocks). For events: the listener's argument. */
  result?: Schema;
  /** Permission scope required (`location`, `userInfo`, `camera`, `album`, `clipboard`…). */
  scope?: string;
  /** For APIs that return a task object: its methods (invoked with `task` set) and its events (`X` of `onX`/`offX`). */
  task?: { methods: Record<string, TaskMethodDefinition>; events: string[] };
  /** Documented error codes and their meaning. */
  errors?: Record<number, string>;
  handler(args: A, ctx: ApiCallContext): R | Promise<R>;
  description?: string;
  /**
   * Declared (the platform documents it) but not provided by this host: every call fails with this
   * error (the platform's "not supported" answer, see `notSupported`), before validation and
   * permissions, and `my.canIUse` is false. A host API or a mock of the same name replaces it.
   */
  unsupported?: ApiError;
  /**
   * Whether the host provides what the API needs (a built-in answered by an optional adapter:
   * `host.pickers.datePicker`, `host.updates`). When it answers false the registry declares the API
   * not supported for that container (error 1, canIUse false; managers come back inert). `services`
   * tells what the container's renderer can do (my.canvasToTempFilePath needs `canvasExport`).
   */
  available?: (host: ResolvedHost, services: ContainerServices) => boolean;
  /**
   * For a sync API that returns an object with methods (a manager or a context): the object's type
   * and method names. For an unsupported one, the base library returns an inert object of that shape
   * (listeners are kept and never called, methods answer their callbacks with `unsupported`).
   */
  object?: { type: string; methods: readonly string[] };
  /**
   * Implemented by the base library inside the sandbox (`my.canIUse`, `my.SDKVersion`, the app
   * events, the cloud SDK): declared for the catalogue, types and mocks; no invoke reaches the host.
   */
  baselib?: boolean;
  /** Bridge plumbing the base library calls (the cloud SDK's requests): not placed on `my`, canIUse false. */
  internal?: boolean;
  /**
   * The handler asks for `scope` itself (its denial is a documented result, as my.getOpenUserInfo's
   * code 40003), instead of the registry failing the call with the 2001 family.
   */
  authorizesItself?: boolean;
  /** A sync API whose failure is its return value (`{ error, errorMessage }`) instead of a throw (docs: my.setStorageSync). */
  returnsFailure?: boolean;
  /** Where the platform documents it (relative to the docs' mini/api folder). */
  doc?: string;
}

/** A custom host API as `HostOptions.apis` takes it: the definition without its name. */
export type HostApiDefinition<A = any, R = any> = Omit<ApiDefinition<A, R>, 'name'>;
