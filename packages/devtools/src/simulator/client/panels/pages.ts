/**
 * Pages: the page stack, bottom to top, with each page's route, query and instance id; and the
 * project's compile modes — launch one, edit it, or add one (saved to mini.project.json).
 */
import type { CompileModeControl } from '../compile-mode-control.ts';
import { h, fill, queryString } from '../dom.ts';
import type { Session } from '../session.ts';
import type { Panel } from './panel.ts';

export class PagesPanel implements Panel {
  readonly id = 'pages';
  readonly title = 'Pages';
  readonly element: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly modeBody: HTMLTableSectionElement;

  constructor(
    private readonly session: Session,
    private readonly modes: CompileModeControl,
  ) {
    this.body = h('tbody');
    this.modeBody = h('tbody');
    this.element = h(
      'section',
      null,
      h('div', { class: 'panel-bar' }, h('span', { class: 'muted' }, 'The page stack, bottom → top (what getCurrentPages() returns).')),
      h(
        'div',
        { class: 'panel-body' },
        h('table', { class: 'grid pages-table' }, h('thead', null, h('tr', null, h('th', null, '#'), h('th', null, 'route'), h('th', null, 'query'), h('th', null, 'id'))), this.body),
        h(
          'div',
          { class: 'panel-bar' },
          h('span', null, 'Compile mode '),
          modes.select('pages-mode'),
          h('span', { class: 'grow' }),
          h('button', { class: 'sim-btn pages-mode-add', title: 'A new compile mode, starting from the page on top', onclick: () => modes.edit() }, '＋ Mode from this page'),
        ),
        h('table', { class: 'grid modes-table' }, h('thead', null, h('tr', null, h('th', null, 'mode'), h('th', null, 'opens'), h('th', null, 'scene'), h('th', null, ''))), this.modeBody),
      ),
    );
    modes.on('change', () => this.renderModes());
    this.renderModes();
    session.on('page', () => this.render());
    session.on('container', () => this.render());
  }

  shown(): void {
    this.render();
  }

  private renderModes(): void {
    fill(
      this.modeBody,
      ...this.modes.modes.map((mode) => {
        const query = queryString(mode.pageQuery);
        return h(
          'tr',
          { class: mode.name === this.modes.current ? 'selected' : undefined, dataset: { mode: mode.name } },
          h('td', null, mode.name),
          h('td', { class: 'mono' }, `${mode.page}${query ? `?${query}` : ''}`),
          h('td', { class: 'num' }, mode.scene ?? ''),
          h(
            'td',
            { class: 'num' },
            h('button', { class: 'sim-btn mode-launch', onclick: () => this.modes.choose(mode.name) }, 'Launch'),
            ' ',
            h('button', { class: 'sim-btn mode-edit', onclick: () => this.modes.edit(mode.name) }, 'Edit'),
          ),
        );
      }),
    );
  }

  private render(): void {
    if (this.element.hidden) return;
    const pages = this.session.container?.pages() ?? [];
    fill(
      this.body,
      ...pages.map((page, index) =>
        h(
          'tr',
          { class: index === pages.length - 1 ? 'selected' : undefined, dataset: { route: page.route } },
          h('td', { class: 'num' }, index),
          h('td', { class: 'mono' }, page.route),
          h('td', { class: 'mono' }, queryString(page.query)),
          h('td', { class: 'num' }, page.id),
        ),
      ),
    );
  }
}
