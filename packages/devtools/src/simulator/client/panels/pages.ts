/** Pages: the page stack, bottom to top, with each page's route, query and instance id. */
import { h, fill, queryString } from '../dom.ts';
import type { Session } from '../session.ts';
import type { Panel } from './panel.ts';

export class PagesPanel implements Panel {
  readonly id = 'pages';
  readonly title = 'Pages';
  readonly element: HTMLElement;
  private readonly body: HTMLTableSectionElement;

  constructor(private readonly session: Session) {
    this.body = h('tbody');
    this.element = h(
      'section',
      null,
      h('div', { class: 'panel-bar' }, h('span', { class: 'muted' }, 'The page stack, bottom → top (what getCurrentPages() returns).')),
      h(
        'div',
        { class: 'panel-body' },
        h('table', { class: 'grid pages-table' }, h('thead', null, h('tr', null, h('th', null, '#'), h('th', null, 'route'), h('th', null, 'query'), h('th', null, 'id'))), this.body),
      ),
    );
    session.on('page', () => this.render());
    session.on('container', () => this.render());
  }

  shown(): void {
    this.render();
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
