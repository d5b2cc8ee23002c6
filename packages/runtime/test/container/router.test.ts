import { describe, expect, it } from 'vitest';
import { Router, RouteError, MAX_STACK_DEPTH, type RouteStep } from '../../src/container/router.ts';
import type { AppConfig } from '../../src/contract/package-format.ts';

const app: AppConfig = {
  pages: ['pages/home/home', 'pages/cart/cart', 'pages/list/list', 'pages/detail/detail'],
  entryPagePath: 'pages/home/home',
  window: {},
  subPackages: [{ root: 'sub', pages: ['pages/more/more'] }],
  networkTimeout: { request: 30000, connectSocket: 30000, uploadFile: 60000, downloadFile: 60000 },
  tabBar: { items: [{ pagePath: 'pages/home/home' }, { pagePath: 'pages/cart/cart' }] },
};

function makeRouter(): Router {
  let id = 1;
  return new Router({ app, pages: new Set([...app.pages, 'sub/pages/more/more']), allocateId: () => id++ });
}

const describeSteps = (steps: RouteStep[]): string[] => steps.map((s) => `${s.kind} ${s.page.route}#${s.page.id}`);

describe('Router', () => {
  it('launches on the entry page, a tab page kept alive', () => {
    const r = makeRouter();
    expect(describeSteps(r.launch(r.resolve('/pages/home/home')))).toEqual(['load pages/home/home#1', 'show pages/home/home#1']);
    expect(r.pages().map((p) => p.route)).toEqual(['pages/home/home']);
  });

  it('navigateTo hides the current page, pushes a new one and parses the query', () => {
    const r = makeRouter();
    r.launch(r.resolve('/pages/home/home'));
    const steps = r.navigate('navigateTo', { url: '../list/list?id=3&name=%E5%B0%8F' });
    expect(describeSteps(steps)).toEqual(['hide pages/home/home#1', 'load pages/list/list#2', 'show pages/list/list#2']);
    expect(r.top()!.query).toEqual({ id: '3', name: '小' });
  });

  it('resolves relative, absolute and subpackage paths', () => {
    const r = makeRouter();
    r.launch(r.resolve('/pages/home/home'));
    r.navigate('navigateTo', { url: '/sub/pages/more/more' });
    expect(r.top()!.route).toBe('sub/pages/more/more');
    r.navigate('navigateTo', { url: './more?x=1' });
    expect(r.top()!.route).toBe('sub/pages/more/more');
  });

  it('refuses unknown pages with error 1 and the documented message', () => {
    const r = makeRouter();
    r.launch(r.resolve('/pages/home/home'));
    expect(() => r.navigate('navigateTo', { url: '/pages/nope/nope' })).toThrowError(
      expect.objectContaining({ error: 1, errorMessage: '/pages/nope/nope resolved to pages/nope/nope is not found' }),
    );
    expect(r.pages()).toHaveLength(1);
  });

  it('keeps the stack at most 10 deep', () => {
    const r = makeRouter();
    r.launch(r.resolve('/pages/home/home'));
    for (let i = 1; i < MAX_STACK_DEPTH; i++) r.navigate('navigateTo', { url: '/pages/list/list' });
    expect(r.pages()).toHaveLength(10);
    expect(() => r.navigate('navigateTo', { url: '/pages/list/list' })).toThrow(RouteError);
    expect(r.pages()).toHaveLength(10);
  });

  it('redirectTo unloads the current page and keeps the depth', () => {
    const r = makeRouter();
    r.launch(r.resolve('/pages/home/home'));
    r.navigate('navigateTo', { url: '/pages/list/list' });
    const steps = r.navigate('redirectTo', { url: '/pages/detail/detail?id=9' });
    expect(describeSteps(steps)).toEqual(['unload pages/list/list#2', 'load pages/detail/detail#3', 'show pages/detail/detail#3']);
    expect(r.pages().map((p) => p.route)).toEqual(['pages/home/home', 'pages/detail/detail']);
  });

  it('navigateBack unloads top pages, clamps delta, fails at the bottom', () => {
    const r = makeRouter();
    r.launch(r.resolve('/pages/home/home'));
    r.navigate('navigateTo', { url: '/pages/list/list' });
    r.navigate('navigateTo', { url: '/pages/detail/detail' });
    expect(describeSteps(r.navigate('navigateBack', { delta: 5 }))).toEqual([
      'unload pages/detail/detail#3',
      'unload pages/list/list#2',
      'show pages/home/home#1',
    ]);
    expect(() => r.navigate('navigateBack', {})).toThrowError(expect.objectContaining({ errorMessage: 'already top of navigation' }));
  });

  it('switchTab closes non-tab pages, keeps tab pages alive and ignores the query', () => {
    const r = makeRouter();
    r.launch(r.resolve('/pages/home/home'));
    r.navigate('navigateTo', { url: '/pages/list/list' });
    expect(describeSteps(r.navigate('switchTab', { url: '/pages/cart/cart?x=1' }))).toEqual([
      'unload pages/list/list#2',
      'load pages/cart/cart#3',
      'show pages/cart/cart#3',
    ]);
    expect(r.top()!.query).toEqual({});
    // Back to home: the same instance is shown again, the cart only hides.
    expect(describeSteps(r.navigate('switchTab', { url: '/pages/home/home' }))).toEqual(['hide pages/cart/cart#3', 'show pages/home/home#1']);
    expect(() => r.navigate('switchTab', { url: '/pages/list/list' })).toThrowError(expect.objectContaining({ error: 1 }));
  });

  it('reLaunch closes every page, alive tabs included', () => {
    const r = makeRouter();
    r.launch(r.resolve('/pages/home/home'));
    r.navigate('switchTab', { url: '/pages/cart/cart' });
    r.navigate('navigateTo', { url: '/pages/list/list' });
    const steps = describeSteps(r.navigate('reLaunch', { url: '/pages/detail/detail?a=1' }));
    expect(steps).toEqual([
      'unload pages/list/list#3',
      'unload pages/cart/cart#2',
      'unload pages/home/home#1',
      'load pages/detail/detail#4',
      'show pages/detail/detail#4',
    ]);
    expect(r.allPages().map((p) => p.route)).toEqual(['pages/detail/detail']);
  });

  it('validates arguments with error 2', () => {
    const r = makeRouter();
    r.launch(r.resolve('/pages/home/home'));
    expect(() => r.navigate('navigateTo', {})).toThrowError(expect.objectContaining({ error: 2 }));
  });
});
