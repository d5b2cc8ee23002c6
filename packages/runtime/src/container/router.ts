/**
 * The page stack and the routing rules of the docs (路由: navigateTo/redirectTo/navigateBack/
 * switchTab/reLaunch, getCurrentPages). Pure bookkeeping: it decides which pages are created,
 * shown, hidden and unloaded, in which order, and leaves doing it to the container. Keeping the
 * rules here, away from messaging, makes them testable on their own.
 */

import type { AppConfig } from '../contract/package-format.ts';
import { resolvePageUrl, type PageUrl } from './url.ts';

export const MAX_STACK_DEPTH = 10;

export interface PageRecord {
  id: number;
  route: string;
  query: Record<string, string>;
  /** Opened through switchTab (or launched on a tab page): kept alive while other tabs show. */
  tab: boolean;
}

/** One step of a transition, in the order the container must perform them. */
export type RouteStep =
  | { kind: 'hide'; page: PageRecord }
  | { kind: 'unload'; page: PageRecord }
  | { kind: 'load'; page: PageRecord }
  | { kind: 'show'; page: PageRecord };

export type RouteOp = 'navigateTo' | 'redirectTo' | 'navigateBack' | 'switchTab' | 'reLaunch';

/** A routing failure with the docs' error code and message. */
export class RouteError extends Error {
  constructor(
    readonly error: number,
    readonly errorMessage: string,
  ) {
    super(errorMessage);
  }
}

export interface RouterOptions {
  app: AppConfig;
  /** Every page id of the package (main and subpackages). */
  pages: ReadonlySet<string>;
  allocateId(): number;
}

export class Router {
  private readonly stack: PageRecord[] = [];
  /** Tab pages that stay alive after being switched away from, by route. */
  private readonly aliveTabs = new Map<string, PageRecord>();
  private readonly tabRoutes: ReadonlySet<string>;
  private readonly decodeQuery: boolean;

  constructor(private readonly options: RouterOptions) {
    this.tabRoutes = new Set((options.app.tabBar?.items ?? []).map((item) => item.pagePath.replace(/^\//, '')));
    this.decodeQuery = options.app.behavior?.decodeQuery !== 'disable';
  }

  /** Bottom → top, what getCurrentPages() returns. */
  pages(): readonly PageRecord[] {
    return this.stack;
  }

  top(): PageRecord | undefined {
    return this.stack[this.stack.length - 1];
  }

  isTab(route: string): boolean {
    return this.tabRoutes.has(route);
  }

  /** Every page record that exists (stack + hidden alive tabs), for teardown. */
  allPages(): PageRecord[] {
    const all = new Set<PageRecord>(this.stack);
    for (const page of this.aliveTabs.values()) all.add(page);
    return [...all];
  }

  resolve(url: string): PageUrl {
    return resolvePageUrl(url, this.top()?.route, this.decodeQuery);
  }

  exists(route: string): boolean {
    return this.options.pages.has(route);
  }

  /** The first page: launch (stack must be empty). */
  launch(target: PageUrl): RouteStep[] {
    this.requirePage(target.route, target.route);
    const page = this.newRecord(target, this.isTab(target.route));
    this.stack.push(page);
    if (page.tab) this.aliveTabs.set(page.route, page);
    return [
      { kind: 'load', page },
      { kind: 'show', page },
    ];
  }

  navigate(op: RouteOp, args: { url?: string; delta?: number }): RouteStep[] {
    switch (op) {
      case 'navigateTo':
        return this.navigateTo(this.urlArg(op, args));
      case 'redirectTo':
        return this.redirectTo(this.urlArg(op, args));
      case 'navigateBack':
        return this.navigateBack(args.delta);
      case 'switchTab':
        return this.switchTab(this.urlArg(op, args));
      case 'reLaunch':
        return this.reLaunch(this.urlArg(op, args));
    }
  }

  private urlArg(op: RouteOp, args: { url?: string }): string {
    if (typeof args.url !== 'string' || args.url.trim() === '') {
      throw new RouteError(2, `${op}: parameter "url" is required (string)`);
    }
    return args.url;
  }

  private requirePage(route: string, url: string): void {
    if (!this.exists(route)) throw new RouteError(1, `${url} resolved to ${route} is not found`);
  }

  private navigateTo(url: string): RouteStep[] {
    const target = this.resolve(url);
    this.requirePage(target.route, url);
    if (this.stack.length >= MAX_STACK_DEPTH) {
      throw new RouteError(1, `navigateTo: the page stack already holds ${MAX_STACK_DEPTH} pages; use redirectTo`);
    }
    const steps: RouteStep[] = [];
    const current = this.top();
    if (current) steps.push({ kind: 'hide', page: current });
    // A tab page reached by navigateTo is an ordinary stack page (the docs: no tab bar there).
    const page = this.newRecord(target, false);
    this.stack.push(page);
    steps.push({ kind: 'load', page }, { kind: 'show', page });
    return steps;
  }

  private redirectTo(url: string): RouteStep[] {
    const target = this.resolve(url);
    this.requirePage(target.route, url);
    const steps: RouteStep[] = [];
    const current = this.stack.pop();
    if (current) steps.push(...this.leave(current));
    const page = this.newRecord(target, false);
    this.stack.push(page);
    steps.push({ kind: 'load', page }, { kind: 'show', page });
    return steps;
  }

  private navigateBack(delta: number | undefined): RouteStep[] {
    if (delta !== undefined && (typeof delta !== 'number' || !Number.isFinite(delta))) {
      throw new RouteError(2, 'navigateBack: parameter "delta" must be a number');
    }
    if (this.stack.length <= 1) throw new RouteError(1, 'already top of navigation');
    const count = Math.min(Math.max(1, Math.floor(delta ?? 1)), this.stack.length - 1);
    const steps: RouteStep[] = [];
    for (let i = 0; i < count; i++) steps.push(...this.leave(this.stack.pop()!));
    steps.push({ kind: 'show', page: this.top()! });
    return steps;
  }

  private switchTab(url: string): RouteStep[] {
    // The docs: switchTab takes no query; whatever follows `?` is ignored.
    const target = this.resolve(url.split('?')[0]!);
    this.requirePage(target.route, url);
    if (!this.isTab(target.route)) {
      throw new RouteError(1, `${url} resolved to ${target.route} is not tab,  which is not valid`);
    }
    const steps: RouteStep[] = [];
    const current = this.top();
    if (current?.tab && current.route === target.route && this.stack.length === 1) return steps;
    // Close every non-tab page, top first; tab pages only hide.
    while (this.stack.length > 0) {
      const page = this.stack.pop()!;
      if (page.tab) {
        if (page === current) steps.push({ kind: 'hide', page });
      } else {
        steps.push(...this.leave(page));
      }
    }
    let page = this.aliveTabs.get(target.route);
    if (page) {
      this.stack.push(page);
      steps.push({ kind: 'show', page });
    } else {
      page = this.newRecord({ ...target, query: {}, search: '' }, true);
      this.aliveTabs.set(page.route, page);
      this.stack.push(page);
      steps.push({ kind: 'load', page }, { kind: 'show', page });
    }
    return steps;
  }

  private reLaunch(url: string): RouteStep[] {
    const target = this.resolve(url);
    this.requirePage(target.route, url);
    const steps: RouteStep[] = [];
    while (this.stack.length > 0) steps.push(...this.leave(this.stack.pop()!));
    // Tab pages hidden by earlier switchTabs are closed too: reLaunch leaves one page alive.
    for (const page of this.aliveTabs.values()) steps.push({ kind: 'unload', page });
    this.aliveTabs.clear();
    const page = this.newRecord(target, this.isTab(target.route));
    if (page.tab) this.aliveTabs.set(page.route, page);
    this.stack.push(page);
    steps.push({ kind: 'load', page }, { kind: 'show', page });
    return steps;
  }

  /** Steps for a page leaving the stack: alive tab pages are unloaded too unless switchTab keeps them. */
  private leave(page: PageRecord): RouteStep[] {
    if (page.tab) this.aliveTabs.delete(page.route);
    return [{ kind: 'unload', page }];
  }

  private newRecord(target: PageUrl, tab: boolean): PageRecord {
    return { id: this.options.allocateId(), route: target.route, query: target.query, tab };
  }
}
