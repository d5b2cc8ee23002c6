/**
 * The attack page the view red-team suites share (view-budget, native-values, survival): a good
 * frame first; a tap on `#go` turns the attack on (`go: true`), a tap on `#calm` turns it off
 * again. `expectRenderStopped` checks how an attack ended; a `Witness` is another container of the
 * same process that must keep rendering.
 */
import { expect } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { launchProject, logLines, page, type ProjectFiles } from '../support/project.ts';

/** An app.js that logs what App.onError hears (`onError <message>`). */
export const APP_JS = "App({ onError(message) { console.log('onError ' + message); } });\n";

export interface AttackPageOptions {
  /** More project files (components). */
  extra?: ProjectFiles;
  /** The page's `.json`. */
  json?: object;
  /** More initial data of the page, as a JavaScript object literal's entries (`big: { length: 4294967295 }`). */
  data?: string;
}

/** A page whose `go` state runs `attack` (template markup) and whose SJS module is `sjs`. */
export function attackPage(attack: string, sjs = 'export default {};', options: AttackPageOptions = {}): ProjectFiles {
  return {
    'app.js': APP_JS,
    ...page('pages/index/index', {
      axml: `<import-sjs name="m" from="./m.sjs"/><view id="frame">frame {{n}}</view><block a:if="{{go}}">${attack}</block><button id="go" onTap="go">go</button><button id="calm" onTap="calm">calm</button>`,
      js: `Page({
  data: { n: 0, go: false${options.data ? `, ${options.data}` : ''} },
  go() { this.setData({ go: true, n: this.data.n + 1 }); },
  calm() { this.setData({ go: false, n: this.data.n + 1 }); },
});`,
      ...(options.json ? { json: options.json } : {}),
    }),
    'pages/index/m.sjs': sjs,
    ...options.extra,
  };
}

/**
 * Launches the attack page, checks the good frame, taps `go` (default `#go`) and checks how the
 * render ended: within `wallMs`, with a render error matching `message`, reported to App.onError,
 * the last good frame still shown; then the next tap renders. Returns the app (still open).
 */
export async function expectRenderStopped(files: ProjectFiles, message: RegExp, options: { wallMs: number; go?: string }): Promise<MiniApp> {
  const app = await launchProject(files);
  expect(app.currentPage().text('#frame')).toBe('frame 0');
  expect(app.errors).toEqual([]);
  const started = Date.now();
  await app.currentPage().tap(options.go ?? '#go');
  expect(Date.now() - started).toBeLessThan(options.wallMs);
  expect(app.errors.length).toBeGreaterThan(0);
  expect(app.errors[0]).toMatchObject({ kind: 'render', message: expect.stringMatching(message) });
  expect(app.currentPage().text('#frame')).toBe('frame 0');
  expect(logLines(app).some((line) => line.startsWith('onError ') && message.test(line))).toBe(true);
  await app.currentPage().tap('#calm');
  expect(app.currentPage().text('#frame')).toBe('frame 2');
  return app;
}

/** Another container in the process: a counter a tap bumps, which must keep rendering. */
export class Witness {
  private taps = 0;
  private constructor(private readonly app: MiniApp) {}

  static async launch(): Promise<Witness> {
    return new Witness(
      await launchProject(
        page('pages/index/index', {
          axml: '<view id="count">{{count}}</view><button id="bump" onTap="bump">+</button>',
          js: 'Page({ data: { count: 0 }, bump() { this.setData({ count: this.data.count + 1 }); } });',
        }),
      ),
    );
  }

  /** Taps the counter and checks it rendered the new count. */
  async renders(): Promise<void> {
    await this.app.currentPage().tap('#bump');
    this.taps++;
    expect(this.app.currentPage().text('#count')).toBe(String(this.taps));
  }
}
