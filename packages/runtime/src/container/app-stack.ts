/**
 * A host's stack of mini-programs, each in its own container: `my.navigateToMiniProgram` hides the
 * app on top (`onHide`) and launches the target with scene 1037 and `referrerInfo` { appId,
 * extraData }; `my.navigateBackMiniProgram` closes the top app and shows the one below again
 * (`onShow` with scene 1038 and the returning app's extraData); `my.exitMiniProgram` closes the top
 * app. The host says which mini-programs exist (`open`), and shows `top()` (the `change` event).
 *
 *   const stack = createAppStack({ open: (appId) => appId in packages ? { pkg: packages[appId], renderer: new HeadlessRenderer() } : undefined });
 *   const first = await stack.launch('2021000000000001');
 */

import { EventEmitter } from 'eventemitter3';
import type { MaybePromise } from '../adapters/context.ts';
import type { MiniProgramAdapter, MiniProgramJump } from '../adapters/mini-programs.ts';
import { ApiFailure } from '../jsapi/errors.ts';
import { createContainer, type Container, type ContainerOptions, type LaunchRequest } from './container.ts';

/** The scenes of the docs' scene list: 小程序打开小程序, 从另一个小程序返回. */
export const SCENE_OPENED_BY_MINI_PROGRAM = 1037;
export const SCENE_BACK_FROM_MINI_PROGRAM = 1038;

export interface AppStackOptions {
  /**
   * The container options of mini-program `appId`, or undefined when the host has no such app
   * (navigateToMiniProgram then fails with 31). `appId` and `host.miniPrograms` are the stack's.
   */
  open(appId: string): MaybePromise<Omit<ContainerOptions, 'appId'> | undefined>;
  /** Mini-programs open at once, the first included (default 10): a jump beyond fails with 31. */
  maxDepth?: number;
}

export interface AppStackEntry {
  appId: string;
  container: Container;
}

export interface AppStackEvents {
  /** The app on top changed (undefined: the last one closed). */
  change: [top: AppStackEntry | undefined];
  /** An app was closed (navigateBackMiniProgram, exitMiniProgram) and its container destroyed. */
  closed: [entry: AppStackEntry];
}

export class AppStack extends EventEmitter<AppStackEvents> {
  private readonly stack: AppStackEntry[] = [];
  private readonly closing = new Set<Promise<void>>();
  private readonly maxDepth: number;

  constructor(private readonly options: AppStackOptions) {
    super();
    this.maxDepth = Math.max(1, Math.floor(options.maxDepth ?? 10));
  }

  /** Opens the first mini-program (the user's launch). */
  async launch(appId: string, request: LaunchRequest = {}): Promise<Container> {
    if (this.stack.length > 0) throw new Error('createAppStack: launch() opens the first mini-program; the stack already has one');
    const entry = await this.start(appId);
    if (!entry) throw new Error(`createAppStack: open(${JSON.stringify(appId)}) has no such mini-program`);
    await this.push(entry, request);
    return entry.container;
  }

  /** The mini-program the user sees. */
  top(): AppStackEntry | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Bottom → top. */
  entries(): AppStackEntry[] {
    return [...this.stack];
  }

  async destroy(): Promise<void> {
    const open = this.stack.splice(0);
    await Promise.allSettled([...this.closing, ...open.map((entry) => entry.container.destroy())]);
  }

  private async start(appId: string): Promise<AppStackEntry | undefined> {
    const options = await this.options.open(appId);
    if (!options) return undefined;
    const container = await createContainer({ ...options, appId, host: { ...options.host, miniPrograms: this.adapterFor(appId) } });
    return { appId, container };
  }

  private async push(entry: AppStackEntry, request: LaunchRequest): Promise<void> {
    this.stack.push(entry);
    this.emit('change', entry);
    try {
      await entry.container.launch(request);
    } catch (error) {
      this.stack.pop();
      await entry.container.destroy();
      throw error;
    }
  }

  /** Each app's `host.miniPrograms`: what its jumps do to the stack. */
  private adapterFor(appId: string): MiniProgramAdapter {
    return {
      navigateTo: (jump) => this.navigateTo(appId, jump),
      navigateBack: ({ extraData }) => this.close(appId, extraData, true),
      exit: () => this.close(appId, undefined, false),
    };
  }

  private async navigateTo(from: string, jump: MiniProgramJump): Promise<void> {
    const source = this.top();
    if (source?.appId !== from) throw new ApiFailure(31, `navigateToMiniProgram: ${from} is not the mini-program on top`);
    if (this.stack.length >= this.maxDepth) throw new ApiFailure(31, `navigateToMiniProgram: ${this.maxDepth} mini-programs are open already`);
    if (this.stack.some((entry) => entry.appId === jump.appId)) throw new ApiFailure(31, `navigateToMiniProgram: ${jump.appId} is already open`);
    let target: AppStackEntry | undefined;
    try {
      target = await this.start(jump.appId);
    } catch (error) {
      throw new ApiFailure(31, `navigateToMiniProgram: ${jump.appId} cannot start: ${(error as Error).message}`);
    }
    if (!target) throw new ApiFailure(31, `navigateToMiniProgram: there is no mini-program ${jump.appId}`);
    source.container.hide();
    const referrerInfo = jump.extraData === undefined ? { appId: from } : { appId: from, extraData: jump.extraData };
    try {
      await this.push(target, { path: jump.path, query: jump.query, scene: SCENE_OPENED_BY_MINI_PROGRAM, referrerInfo });
    } catch (error) {
      // The target never came up: the user is back where they were.
      source.container.show({ scene: SCENE_BACK_FROM_MINI_PROGRAM, referrerInfo: { appId: jump.appId } });
      this.emit('change', source);
      throw new ApiFailure(31, `navigateToMiniProgram: ${jump.appId} failed to launch: ${(error as Error).message}`);
    }
  }

  private close(appId: string, extraData: unknown, back: boolean): void {
    const top = this.top();
    const api = back ? 'navigateBackMiniProgram' : 'exitMiniProgram';
    if (top?.appId !== appId) throw new ApiFailure(31, `${api}: ${appId} is not the mini-program on top`);
    const below = this.stack[this.stack.length - 2];
    if (back && !below) throw new ApiFailure(31, `${api}: no mini-program below ${appId}`);
    this.stack.pop();
    // The app's own call answers first; its container goes once that reply is on its way.
    const closed = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(() => top.container.destroy())
      .then(() => void this.emit('closed', top));
    this.closing.add(closed);
    void closed.finally(() => this.closing.delete(closed));
    if (below) {
      const referrerInfo = extraData === undefined ? { appId } : { appId, extraData };
      below.container.show({ scene: SCENE_BACK_FROM_MINI_PROGRAM, referrerInfo });
    }
    this.emit('change', below);
  }
}

export function createAppStack(options: AppStackOptions): AppStack {
  return new AppStack(options);
}
