/**
 * Elements: the live node tree of the page on top (elements, texts, components nested with their
 * virtual hosts and slots marked), re-read as the page re-renders. Hovering a row outlines its
 * node on the phone; Pick selects a node by clicking the phone (the click never reaches the app).
 * The selected node shows its tag, attributes, data-*, where its template writes it (file:line
 * and the attributes as written: dev builds carry them), the data of the instance that rendered
 * it, its computed style with the rule and .acss file each value comes from, and its box. A value
 * edited in the style table is set on the element's inline style (!important) until the next reload.
 *
 * Everything here is read from the host side (ViewEngine.elementTree, the renderer's elements):
 * the app's logic runs in the sandbox and cannot see any of it.
 */
import type { ElementInfo, InstanceInfo } from '@mpk/runtime';
import { h, fill, toJson } from '../dom.ts';
import { Highlight } from '../inspector/highlight.ts';
import { PickMode } from '../inspector/pick.ts';
import { boxModel, styleReport, type ComputedEntry, type MatchedRule } from '../inspector/styles.ts';
import type { Session } from '../session.ts';
import { refreshOnRender, type Panel } from './panel.ts';

/** Texts longer than this are cut in the tree. */
const TEXT_PREVIEW = 40;

interface Row {
  info: ElementInfo;
  /** Stable across re-renders: the renderer node id, else the component instance, else the tree path. */
  key: string;
  element: HTMLElement;
}

export class ElementsPanel implements Panel {
  readonly id = 'elements';
  readonly title = 'Elements';
  readonly element: HTMLElement;
  private readonly tree: HTMLElement;
  private readonly details: HTMLElement;
  private readonly pickButton: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly highlight = new Highlight();
  private readonly pick: PickMode;
  private rows = new Map<string, Row>();
  /** Instance id → component id / page route, for labels. */
  private names = new Map<number, string>();
  /** Instance id → its data and props, as the AppData panel reads them. */
  private instances = new Map<number, InstanceInfo>();
  private selected: string | undefined;
  private hovered: string | undefined;
  /** Style values set from the panel, per renderer node: re-applied after the app re-renders the node's style. */
  private edits = new Map<number, Map<string, string>>();

  constructor(
    private readonly session: Session,
    /** The phone's screen area (pick mode catches input there). */
    screen: HTMLElement,
  ) {
    this.tree = h('div', { class: 'elements-tree mono', role: 'tree' });
    this.tree.addEventListener('mouseleave', () => this.hover(undefined));
    this.details = h('div', { class: 'elements-details' });
    this.status = h('span', { class: 'muted' });
    this.pickButton = h('button', { class: 'sim-btn elements-pick', title: 'Select an element by clicking it on the phone (Esc cancels)', onclick: () => this.togglePick() }, 'Pick element');
    this.pick = new PickMode(screen, {
      hover: (target) => this.showTarget(target),
      pick: (target) => {
        const id = this.session.renderer?.nodeIdOf(target);
        this.highlight.hide();
        if (id !== undefined) this.select(`n${id}`, true);
      },
      ended: () => {
        this.pickButton.classList.remove('active');
        this.highlight.hide();
      },
    });
    this.element = h(
      'section',
      null,
      h('div', { class: 'panel-bar' }, this.pickButton, this.status),
      h('div', { class: 'panel-split elements-split' }, this.tree, this.details),
    );
    // The page scrolled under an outline: it follows its node.
    session.on('scroll', () => this.hover(this.hovered));
    refreshOnRender(session, this, () => this.refresh(), () => {
      this.selected = undefined;
      this.edits.clear();
    });
  }

  shown(): void {
    this.refresh();
  }

  togglePick(): void {
    if (this.pick.active) this.pick.stop();
    else {
      this.pick.start();
      this.pickButton.classList.add('active');
    }
  }

  // ── the tree ──

  private refresh(): void {
    const container = this.session.container;
    const top = container?.currentPage();
    const root = top ? container!.elementTree(top.id) : undefined;
    this.rows = new Map();
    this.names = new Map();
    if (!root || !top) {
      fill(this.tree, h('div', { class: 'muted', style: 'padding: 8px' }, 'No page yet.'));
      fill(this.details);
      this.status.textContent = '';
      return;
    }
    this.names.set(top.id, `Page ${top.route}`);
    this.instances = new Map();
    const index = (node: InstanceInfo | undefined): void => {
      if (!node) return;
      this.instances.set(node.id, node);
      node.children.forEach(index);
    };
    index(container!.instanceTree(top.id));
    const items: HTMLElement[] = [];
    const walk = (info: ElementInfo, depth: number, path: string): void => {
      if (info.kind === 'component' && info.instance !== undefined && info.is) this.names.set(info.instance, `<${info.tag}> ${info.is}`);
      const key = info.node !== 0 ? `n${info.node}` : info.kind === 'component' && info.instance !== undefined ? `c${info.instance}` : `p${path}`;
      const row = h('div', { class: `tree-item el-row el-${info.kind}`, role: 'treeitem', style: `padding-left: ${6 + depth * 12}px`, dataset: { key } }, ...rowLabel(info));
      row.addEventListener('mouseenter', () => this.hover(key));
      row.addEventListener('click', () => this.select(key, false));
      this.rows.set(key, { info, key, element: row });
      items.push(row);
      info.children.forEach((child, i) => walk(child, depth + 1, `${path}/${i}`));
    };
    walk(root, 0, '0');
    fill(this.tree, ...items);
    this.status.textContent = `${top.route} · ${items.length} nodes`;
    this.reapplyEdits();
    if (this.selected !== undefined && !this.rows.has(this.selected)) this.selected = undefined;
    for (const row of this.rows.values()) row.element.classList.toggle('selected', row.key === this.selected);
    // A value being typed into the style table is not replaced under the developer's hands.
    if (!this.details.contains(document.activeElement) || this.selected === undefined) this.renderDetails();
    if (this.hovered !== undefined) this.hover(this.rows.has(this.hovered) ? this.hovered : undefined);
  }

  private hover(key: string | undefined): void {
    this.hovered = key;
    const row = key !== undefined ? this.rows.get(key) : undefined;
    if (!row) {
      if (!this.pick.active) this.highlight.hide();
      return;
    }
    this.highlight.show(this.elementsOf(row.info), labelOf(row.info));
  }

  /** Pick mode: outline what is under the pointer. */
  private showTarget(target: Element): void {
    const id = this.session.renderer?.nodeIdOf(target);
    const row = id !== undefined ? this.rows.get(`n${id}`) : undefined;
    const element = id !== undefined ? this.session.renderer?.nodeElement(id) : undefined;
    if (element instanceof Element) this.highlight.show([element], row ? labelOf(row.info) : element.localName);
    else this.highlight.hide();
  }

  private select(key: string, reveal: boolean): void {
    if (!this.rows.has(key)) this.refresh();
    this.selected = this.rows.has(key) ? key : undefined;
    for (const row of this.rows.values()) row.element.classList.toggle('selected', row.key === this.selected);
    if (reveal && this.selected) this.rows.get(this.selected)!.element.scrollIntoView({ block: 'nearest' });
    this.renderDetails();
  }

  /** The renderer elements of a node: its own, or those of its children (virtual hosts, slots). */
  private elementsOf(info: ElementInfo): Element[] {
    const renderer = this.session.renderer;
    if (!renderer) return [];
    if (info.node !== 0) {
      const node = renderer.nodeElement(info.node);
      return node instanceof Element ? [node] : node ? elementOfText(node) : [];
    }
    return info.children.flatMap((child) => this.elementsOf(child));
  }

  // ── the selected node ──

  private renderDetails(): void {
    const row = this.selected !== undefined ? this.rows.get(this.selected) : undefined;
    if (!row) {
      fill(this.details, h('div', { class: 'muted', style: 'padding: 8px' }, 'Select a node in the tree, or Pick one on the phone.'));
      return;
    }
    const { info } = row;
    const sections: HTMLElement[] = [];
    const heading = h('div', { class: 'el-heading mono' }, labelOf(info), info.node !== 0 ? h('span', { class: 'muted' }, ` node ${info.node}`) : null);
    sections.push(heading);
    if (info.kind === 'text') sections.push(section('Text', h('pre', { class: 'el-text mono' }, info.text ?? '')));
    const attrs = Object.entries(info.attrs);
    const plain = attrs.filter(([name]) => !name.startsWith('data-'));
    const data = attrs.filter(([name]) => name.startsWith('data-'));
    if (info.kind !== 'text') {
      sections.push(section('Attributes', plain.length ? table(plain.map(([name, value]) => [name, display(value)]), 'el-attrs') : empty('none')));
      sections.push(section('data-*', data.length ? table(data.map(([name, value]) => [name, display(value)]), 'el-dataset') : empty('none')));
    }
    if (info.src) {
      sections.push(
        section(
          'Template',
          h('div', { class: 'el-source mono' }, `${info.src.file}:${info.src.line}:${info.src.column}`),
          h('pre', { class: 'el-written mono' }, `<${info.tag}${info.src.attrs.map(([name, text]) => (text === '' ? ` ${name}` : ` ${name}="${text}"`)).join('')}>`),
        ),
      );
    } else if (info.kind !== 'text' && info.tag !== 'page') {
      sections.push(section('Template', empty('No source location (the build has none: mpk dev builds carry them).')));
    }
    const element = info.node !== 0 ? this.session.renderer?.nodeElement(info.node) : undefined;
    if (element instanceof HTMLElement) {
      sections.push(section('Box', boxView(element)));
      sections.push(this.stylesView(element, info.node));
    } else if (info.node === 0) {
      sections.push(section('Styles', empty(info.kind === 'component' ? 'A virtual host renders no element of its own: select one of its children.' : 'A slot renders no element of its own.')));
    }
    if (info.kind === 'component' && info.instance !== undefined) {
      sections.push(section(`Component data · ${info.is ?? ''} #${info.instance}${info.virtualHost ? ' (virtual host)' : ''}`, this.instanceView(info.instance, 'el-component-data')));
    }
    if (info.owner !== info.instance) {
      sections.push(section(`Rendered by ${this.names.get(info.owner) ?? ''} #${info.owner}`, this.instanceView(info.owner, 'el-owner-data')));
    }
    fill(this.details, ...sections);
  }

  /** An instance's data (and a component's props), read-only: AppData edits them. */
  private instanceView(id: number, className: string): HTMLElement {
    const instance = this.instances.get(id);
    const data = this.session.container?.instanceData(id) ?? instance?.data ?? {};
    return h(
      'div',
      { class: className },
      h('pre', { class: 'mono el-data' }, `data ${toJson(data, 2)}`),
      instance?.props ? h('pre', { class: 'mono el-props' }, `props ${toJson(instance.props, 2)}`) : null,
    );
  }

  private stylesView(element: HTMLElement, node: number): HTMLElement {
    const report = styleReport(element);
    const edits = this.edits.get(node);
    const computed = h(
      'table',
      { class: 'grid el-computed mono' },
      h('tr', null, h('th', null, 'property'), h('th', null, 'value'), h('th', null, 'from')),
      ...report.computed.map((entry) => this.computedRow(element, node, entry, edits?.has(entry.property) === true)),
    );
    const add = h('input', { class: 'el-add-style mono', placeholder: 'property: value (Enter)', spellcheck: false });
    add.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      const colon = add.value.indexOf(':');
      if (colon <= 0) return;
      this.edit(element, node, add.value.slice(0, colon).trim(), add.value.slice(colon + 1).trim().replace(/;$/, ''));
    });
    return section(
      'Styles',
      computed,
      add,
      h('div', { class: 'el-rules' }, h('div', { class: 'muted' }, 'Matched rules, most important first'), ...report.rules.map(ruleView)),
    );
  }

  private computedRow(element: HTMLElement, node: number, entry: ComputedEntry, edited: boolean): HTMLElement {
    const input = h('input', { class: 'el-style-value', value: entry.value, spellcheck: false, 'aria-label': entry.property, dataset: { property: entry.property } });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') this.edit(element, node, entry.property, input.value);
      else if (event.key === 'Escape') input.value = entry.value;
    });
    input.addEventListener('change', () => this.edit(element, node, entry.property, input.value));
    // The file first: the selector is the compiled, scoped one (a page sheet's rules sit in `:where(.mpk-page[…])`).
    const from = edited
      ? ['edited in the inspector']
      : [h('span', { class: 'el-file' }, entry.rule.source), ` ${entry.rule.selector}${entry.rule.condition ? `  ${entry.rule.condition}` : ''}`];
    const written = `${entry.declaration.property}: ${entry.declaration.value}${entry.declaration.important ? ' !important' : ''}`;
    return h('tr', { dataset: { property: entry.property } }, h('td', null, entry.property), h('td', null, input), h('td', { class: 'el-style-source', title: written }, ...from));
  }

  /** A live style edit: the element's inline style, kept until the next reload. */
  private edit(element: HTMLElement, node: number, property: string, value: string): void {
    if (!property) return;
    const edits = this.edits.get(node) ?? new Map<string, string>();
    this.edits.set(node, edits);
    if (value === '') {
      edits.delete(property);
      element.style.removeProperty(property);
    } else {
      edits.set(property, value);
      element.style.setProperty(property, value, 'important');
    }
    this.renderDetails();
  }

  /** The app re-rendered a node's `style`: the panel's edits go back on. */
  private reapplyEdits(): void {
    const renderer = this.session.renderer;
    for (const [node, edits] of this.edits) {
      const element = renderer?.nodeElement(node);
      if (!(element instanceof HTMLElement)) continue;
      for (const [property, value] of edits) if (element.style.getPropertyValue(property) !== value) element.style.setProperty(property, value, 'important');
    }
  }
}

function rowLabel(info: ElementInfo): Array<Node | string> {
  if (info.kind === 'text') {
    const text = (info.text ?? '').replace(/\s+/g, ' ').trim();
    return [h('span', { class: 'el-text-node' }, `"${text.length > TEXT_PREVIEW ? `${text.slice(0, TEXT_PREVIEW)}…` : text}"`)];
  }
  if (info.tag === 'page') return [h('span', { class: 'el-tag' }, `<page>`), h('span', { class: 'muted' }, ` ${info.is ?? ''}`)];
  const id = typeof info.attrs.id === 'string' && info.attrs.id ? `#${info.attrs.id}` : '';
  const cls = typeof info.attrs.class === 'string' && info.attrs.class.trim() ? `.${info.attrs.class.trim().split(/\s+/).join('.')}` : '';
  const out: Array<Node | string> = [h('span', { class: 'el-tag' }, info.kind === 'slot' ? `<slot${info.slot ? ` name="${info.slot}"` : ''}>` : `<${info.tag}>`)];
  if (id || cls) out.push(h('span', { class: 'el-selector' }, `${id}${cls}`));
  if (info.kind === 'component') {
    out.push(h('span', { class: 'tag el-component-badge' }, `component #${info.instance ?? '?'}`));
    if (info.virtualHost) out.push(h('span', { class: 'tag warn el-virtual' }, 'virtual host'));
  }
  return out;
}

function labelOf(info: ElementInfo): string {
  if (info.kind === 'text') return '#text';
  const id = typeof info.attrs.id === 'string' && info.attrs.id ? `#${info.attrs.id}` : '';
  const cls = typeof info.attrs.class === 'string' && info.attrs.class.trim() ? `.${info.attrs.class.trim().split(/\s+/).join('.')}` : '';
  return `${info.kind === 'slot' ? 'slot' : info.tag}${id}${cls}`;
}

/** A text node has no box of its own: outline its parent element. */
function elementOfText(node: Node): Element[] {
  return node.parentElement ? [node.parentElement] : [];
}

function section(title: string, ...content: Array<Node | string | null>): HTMLElement {
  return h('div', { class: 'el-section', dataset: { section: title.split(' ')[0]!.toLowerCase() } }, h('div', { class: 'el-section-title' }, title), ...content);
}

function empty(text: string): HTMLElement {
  return h('div', { class: 'muted' }, text);
}

function table(rows: Array<[string, string]>, className: string): HTMLElement {
  return h('table', { class: `grid mono ${className}` }, ...rows.map(([name, value]) => h('tr', { dataset: { name } }, h('td', null, name), h('td', null, value))));
}

function display(value: unknown): string {
  return typeof value === 'string' ? value : toJson(value);
}

function ruleView(rule: MatchedRule): HTMLElement {
  return h(
    'div',
    { class: 'el-rule mono' },
    h('div', null, h('span', { class: 'el-rule-selector' }, rule.selector), h('span', { class: 'muted' }, `  ${rule.source}${rule.condition ? `  ${rule.condition}` : ''}`)),
    ...rule.declarations.map((d) => h('div', { class: `el-decl${d.overridden ? ' overridden' : ''}` }, `  ${d.property}: ${d.value}${d.important ? ' !important' : ''};`)),
  );
}

function boxView(element: HTMLElement): HTMLElement {
  const box = boxModel(element);
  const n = (v: number) => String(Math.round(v * 100) / 100);
  const ring = (name: string, sides: [number, number, number, number], inner: HTMLElement) =>
    h(
      'div',
      { class: `box-ring box-${name}`, dataset: { box: name } },
      h('span', { class: 'box-name' }, name),
      h('span', { class: 'box-top' }, n(sides[0])),
      h('div', { class: 'box-middle' }, h('span', { class: 'box-left' }, n(sides[3])), inner, h('span', { class: 'box-right' }, n(sides[1]))),
      h('span', { class: 'box-bottom' }, n(sides[2])),
    );
  const content = h('div', { class: 'box-content', dataset: { box: 'content' } }, `${n(box.content.width)} × ${n(box.content.height)}`);
  return h('div', { class: 'box-model mono' }, ring('margin', box.margin, ring('border', box.border, ring('padding', box.padding, content))));
}
