/**
 * The runtime hooks the simulator needs, exercised headless: `Container.reloadViews` (template hot
 * reload keeps every page's data; later parts load from the new build; a structural change is
 * refused) and `Container.devSetData` (the AppData editor's edits go through the instance's
 * setData).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createBuilder, type Builder } from '@mpk/compiler';
import { HeadlessRenderer, createContainer, createHeadlessUi, createMemoryStorage, type Container, type PackageSource } from '@mpk/runtime';
import { copyExample, type ProjectCopy } from './support.ts';

interface Running {
  project: ProjectCopy;
  builder: Builder;
  container: Container;
  renderer: HeadlessRenderer;
}

let running: Running | undefined;

afterEach(async () => {
  await running?.container.destroy();
  await running?.builder.dispose();
  running?.project.remove();
  running = undefined;
});

async function build(builder: Builder, changed?: string[]): Promise<PackageSource> {
  const result = changed ? await builder.rebuild(changed) : await builder.build();
  expect(result.ok, result.diagnostics.map((d) => d.message).join('\n')).toBe(true);
  return result.source!;
}

async function start(example: string): Promise<Running> {
  const project = copyExample(example);
  const builder = createBuilder(project.dir, { write: false });
  const renderer = new HeadlessRenderer();
  const container = await createContainer({ pkg: await build(builder), renderer, host: { storage: createMemoryStorage(), ui: createHeadlessUi() } });
  await container.launch();
  running = { project, builder, container, renderer };
  return running;
}

function html(renderer: HeadlessRenderer): string {
  const page = renderer.currentPage();
  return page ? renderer.serialize(page) : '';
}

async function tap(app: Running, selector: string): Promise<void> {
  const page = app.renderer.currentPage()!;
  const node = app.renderer.querySelector(selector, page);
  if (!node) throw new Error(`no ${selector}`);
  app.renderer.dispatch(node, 'tap');
  await app.container.waitForIdle();
}

describe('Container.reloadViews', () => {
  it('re-renders every page from the new templates with the data it has, without lifecycles', async () => {
    const app = await start('todo');
    await tap(app, '.chip');
    await tap(app, '#stats');
    const pagesBefore = app.container.pages();
    expect(pagesBefore.map((p) => p.route)).toEqual(['pages/index/index', 'pages/stats/stats']);
    const loads: string[] = [];
    app.container.on('page', (e) => loads.push(`${e.type} ${e.page.route}`));

    app.project.edit('pages/index/index.axml', (axml) => axml.replace('Quick add:', 'Suggestions:'));
    app.project.edit('pages/stats/stats.axml', (axml) => axml.replace('Total:', 'All:'));
    const next = await build(app.builder, [`${app.project.dir}/pages/index/index.axml`, `${app.project.dir}/pages/stats/stats.axml`]);
    await app.container.reloadViews(next);
    await app.container.waitForIdle();

    expect(html(app.renderer)).toContain('All: <text id="total">1</text>');
    expect(app.container.pages()).toEqual(pagesBefore);
    await app.container.navigate('navigateBack');
    const home = html(app.renderer);
    expect(home).toContain('Suggestions:');
    expect(home).toContain('Buy milk');
    expect(app.container.instanceData(pagesBefore[0]!.id)).toMatchObject({ todos: [{ title: 'Buy milk', done: false }] });
    expect(loads).toEqual(['unload pages/stats/stats', 'show pages/index/index']);
    expect(app.container.manifest).toBe(next.manifest);
  });

  it('adds and removes custom components the new template renders', async () => {
    const app = await start('todo');
    await tap(app, '.chip');
    // todo-item renders no host element (virtualHost): count its instances.
    const count = () => app.container.instanceTree(app.container.currentPage()!.id)!.children.length;
    expect(count()).toBe(1);
    app.project.edit('pages/index/index.axml', (axml) =>
      axml.replace('<view class="footer">', '<todo-item a:for="{{todos}}" a:key="id" todo="{{item}}" onToggle="toggle" onRemove="remove" />\n    <view class="footer">'),
    );
    await app.container.reloadViews(await build(app.builder, [`${app.project.dir}/pages/index/index.axml`]));
    await app.container.waitForIdle();
    expect(count()).toBe(2);
    const tree = app.container.instanceTree(app.container.currentPage()!.id)!;
    expect(tree.children.map((c) => c.is)).toEqual(['components/todo-item/todo-item', 'components/todo-item/todo-item']);
    expect(tree.children.every((c) => (c.props as { todo?: { title?: string } }).todo?.title === 'Buy milk')).toBe(true);

    app.project.edit('pages/index/index.axml', (axml) => axml.replace(/<todo-item a:for="\{\{todos\}\}"[^>]*\/>\n\s*/, ''));
    await app.container.reloadViews(await build(app.builder, [`${app.project.dir}/pages/index/index.axml`]));
    await app.container.waitForIdle();
    expect(count()).toBe(1);
  });

  it('loads a subpackage entered later from the new build', async () => {
    const app = await start('shop');
    app.project.edit('sub/product/product.axml', (axml) => axml.replace('Quantity in cart:', 'In your cart:'));
    await app.container.reloadViews(await build(app.builder, [`${app.project.dir}/sub/product/product.axml`]));
    await app.container.navigate('navigateTo', { url: '/sub/product/product?id=2' });
    expect(html(app.renderer)).toContain('In your cart:');
  });

  it('refuses a build that changes the app structure', async () => {
    const app = await start('todo');
    app.project.edit('app.json', (json) => json.replace('"defaultTitle": "Todos"', '"defaultTitle": "My todos"'));
    const next = await build(app.builder, [`${app.project.dir}/app.json`]);
    const before = app.container.manifest;
    await expect(app.container.reloadViews(next)).rejects.toThrow(/start a new container/);
    expect(app.container.manifest).toBe(before);
  });
});

describe('Container.devSetData', () => {
  it("applies edits through the instance's own setData: paths, re-render, nothing for bad input", async () => {
    const app = await start('todo');
    const page = app.container.currentPage()!;
    app.container.devSetData(page.id, { draft: 'typed in AppData', 'filters[0].label': 'Everything' });
    await app.container.waitForIdle();
    const data = app.container.instanceData(page.id) as { draft: string; filters: Array<{ label: string }> };
    expect(data.draft).toBe('typed in AppData');
    expect(data.filters.map((f) => f.label)).toEqual(['Everything', 'Active', 'Done']);
    expect(html(app.renderer)).toContain('Everything');
    expect(html(app.renderer)).toContain('value="typed in AppData"');

    const errors: string[] = [];
    app.container.on('error', (e) => errors.push(e.message));
    app.container.devSetData(page.id, [1, 2] as never);
    app.container.devSetData(9999, { draft: 'nobody' });
    await app.container.waitForIdle();
    expect(app.container.instanceData(page.id)).toMatchObject({ draft: 'typed in AppData' });
    expect(errors).toEqual([]);
  });

  it('reaches component instances too', async () => {
    const app = await start('todo');
    await tap(app, '.chip');
    const item = app.container.instanceTree(app.container.currentPage()!.id)!.children[0]!;
    const before = app.container.instanceData(item.id)!;
    const key = Object.keys(before)[0] ?? 'editing';
    app.container.devSetData(item.id, { [key]: 'from devtools' });
    await app.container.waitForIdle();
    expect(app.container.instanceData(item.id)).toMatchObject({ [key]: 'from devtools' });
  });
});
