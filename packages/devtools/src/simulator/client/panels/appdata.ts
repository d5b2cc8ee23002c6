/**
 * AppData: the live data of the page on top and of every component in it (the view's copy, which
 * is what the page renders), as a tree of instances and an editor. Applying an edit sends the keys
 * that changed into the instance (`container.devSetData`), where they go through the instance's own
 * setData — the page re-renders exactly as if the app had set them.
 */
import type { InstanceInfo } from '@mpk/runtime';
import { h, fill, toJson } from '../dom.ts';
import type { Session } from '../session.ts';
import { refreshOnRender, type Panel } from './panel.ts';

const HINT = 'Edit the JSON and apply: the changed keys go through the instance’s setData.';

export class AppDataPanel implements Panel {
  readonly id = 'appdata';
  readonly title = 'AppData';
  readonly element: HTMLElement;
  private readonly tree: HTMLElement;
  private readonly editor: HTMLTextAreaElement;
  private readonly heading: HTMLElement;
  private readonly props: HTMLElement;
  private readonly status: HTMLElement;
  private selected: number | undefined;
  /** The instance whose data the editor holds. */
  private loadedId: number | undefined;
  /** The text last loaded into the editor: differing means the developer is editing. */
  private loadedText = '';

  constructor(private readonly session: Session) {
    this.tree = h('div', { class: 'appdata-tree' });
    this.heading = h('div', { class: 'panel-bar appdata-heading' });
    this.editor = h('textarea', { class: 'appdata-editor', spellcheck: false, 'aria-label': 'Instance data (JSON)' });
    this.editor.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') this.apply();
    });
    this.props = h('div', { class: 'props mono', hidden: true });
    this.status = h('div', { class: 'data-status muted' }, HINT);
    const buttons = h(
      'div',
      { class: 'panel-bar' },
      h('button', { class: 'sim-btn appdata-apply', onclick: () => this.apply() }, 'Apply (Ctrl+Enter)'),
      h('button', { class: 'sim-btn appdata-revert', onclick: () => this.load(true) }, 'Revert'),
    );
    this.element = h(
      'section',
      null,
      h('div', { class: 'panel-split' }, this.tree, h('div', { class: 'data-editor' }, this.heading, this.editor, this.props, buttons, this.status)),
    );
    refreshOnRender(session, this, () => this.refresh(), () => {
      this.selected = undefined;
    });
  }

  shown(): void {
    this.refresh();
  }

  /** The JSON currently in the editor (tests). */
  get editorText(): string {
    return this.editor.value;
  }

  private refresh(): void {
    const container = this.session.container;
    const top = container?.currentPage();
    const info = top ? container!.instanceTree(top.id) : undefined;
    if (!info) {
      fill(this.tree, h('div', { class: 'muted', style: 'padding: 8px' }, 'No page yet.'));
      this.selected = undefined;
      this.load(true);
      return;
    }
    const ids = new Set<number>();
    const items: HTMLElement[] = [];
    const walk = (node: InstanceInfo, depth: number): void => {
      ids.add(node.id);
      const label = node.route !== undefined ? `Page ${node.route}` : `<${shortName(node.is)}>`;
      items.push(
        h(
          'div',
          { class: 'tree-item', style: `padding-left: ${8 + depth * 14}px`, dataset: { instance: String(node.id) }, title: node.is, onclick: () => this.select(node.id) },
          label,
          h('span', { class: 'muted' }, ` #${node.id}`),
        ),
      );
      for (const child of node.children) walk(child, depth + 1);
    };
    walk(info, 0);
    if (this.selected === undefined || !ids.has(this.selected)) this.selected = info.id;
    for (const item of items) item.classList.toggle('selected', Number(item.dataset.instance) === this.selected);
    fill(this.tree, ...items);
    this.load(false);
  }

  private select(id: number): void {
    this.selected = id;
    this.refresh();
    this.load(true);
  }

  private load(force: boolean): void {
    const container = this.session.container;
    const id = this.selected;
    const data = id !== undefined ? container?.instanceData(id) : undefined;
    const info = id !== undefined && container ? findInstance(container, id) : undefined;
    fill(this.heading, info ? (info.route !== undefined ? `Page ${info.route}` : `Component ${info.is}`) : 'No instance', id !== undefined ? h('span', { class: 'muted' }, ` #${id}`) : null);
    if (info?.props) {
      this.props.hidden = false;
      this.props.textContent = `props (read-only): ${toJson(info.props, 2)}`;
    } else this.props.hidden = true;
    const text = data === undefined ? '' : toJson(data, 2);
    const editing = this.editor.value !== this.loadedText;
    if (!force && editing) {
      if (text !== this.loadedText) this.setStatus('The app changed this data while you were editing; Revert shows the current value.', false);
      return;
    }
    // Another instance (or a forced reload): what the status said was about the previous one.
    if (force || id !== this.loadedId) this.setStatus(HINT, false);
    this.editor.value = text;
    this.loadedText = text;
    this.loadedId = id;
  }

  private apply(): void {
    const container = this.session.container;
    const id = this.selected;
    if (!container || id === undefined) return;
    let next: unknown;
    try {
      next = JSON.parse(this.editor.value);
    } catch (error) {
      this.setStatus(`Not valid JSON: ${(error as Error).message}`, true);
      return;
    }
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      this.setStatus('The data of an instance is an object.', true);
      return;
    }
    const current = container.instanceData(id) ?? {};
    const changes: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(next)) if (toJson(value) !== toJson((current as Record<string, unknown>)[key])) changes[key] = value;
    const removed = Object.keys(current).filter((key) => !(key in next));
    const keys = Object.keys(changes);
    if (keys.length === 0) {
      this.setStatus(removed.length ? 'setData cannot remove keys; set them to null instead.' : 'Nothing changed.', removed.length > 0);
      return;
    }
    container.devSetData(id, changes);
    // The editor follows the app again from the next patch on.
    this.loadedText = this.editor.value;
    this.setStatus(`Sent setData for ${keys.join(', ')} to #${id}.${removed.length ? ' (Removed keys stay: setData cannot remove them.)' : ''}`, false);
  }

  private setStatus(text: string, error: boolean): void {
    this.status.textContent = text;
    this.status.className = `data-status ${error ? 'error' : 'muted'}`;
  }
}

function findInstance(container: NonNullable<Session['container']>, id: number): InstanceInfo | undefined {
  const top = container.currentPage();
  const root = top ? container.instanceTree(top.id) : undefined;
  const stack = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.id === id) return node;
    stack.push(...node.children);
  }
  return undefined;
}

/** `components/card/card` → `card`; `node_modules/ui/es/tag/index` → `tag`. */
function shortName(is: string): string {
  const parts = is.split('/');
  const last = parts.pop() ?? is;
  return last === 'index' && parts.length > 0 ? parts.pop()! : last;
}
