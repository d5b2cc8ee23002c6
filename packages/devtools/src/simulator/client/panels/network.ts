/** Network: each request, upload, download and socket of the app — method, URL, status, time, size. */
import { h, fill, formatBytes, formatTime, toJson } from '../dom.ts';
import type { NetworkEntry } from '../network-log.ts';
import type { Session } from '../session.ts';
import type { Panel } from './panel.ts';

export class NetworkPanel implements Panel {
  readonly id = 'network';
  readonly title = 'Network';
  readonly element: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly details: HTMLElement;
  private scheduled = false;

  constructor(private readonly session: Session) {
    this.body = h('tbody');
    this.details = h('pre', { class: 'details mono', hidden: true });
    this.element = h(
      'section',
      null,
      h('div', { class: 'panel-bar' }, h('span', { class: 'muted network-policy' }, session.proxyPolicy ?? 'The simulator does not check domains; a device checks them against the allow-list.'), h('span', { class: 'grow' }), h('button', { class: 'sim-btn', onclick: () => session.network.clear() }, 'Clear')),
      h(
        'div',
        { class: 'panel-body' },
        h(
          'table',
          { class: 'grid network-table' },
          h('thead', null, h('tr', null, h('th', null, 'api'), h('th', null, 'method'), h('th', null, 'URL'), h('th', null, 'status'), h('th', null, 'time'), h('th', null, 'size'), h('th', null, 'started'))),
          this.body,
        ),
      ),
      this.details,
    );
    session.network.on('change', () => {
      if (this.element.hidden || this.scheduled) return;
      this.scheduled = true;
      requestAnimationFrame(() => {
        this.scheduled = false;
        this.render();
      });
    });
  }

  shown(): void {
    this.render();
  }

  private render(): void {
    fill(this.body, ...this.session.network.entries.map((entry) => this.row(entry)));
  }

  private row(entry: NetworkEntry): HTMLTableRowElement {
    const failed = entry.state === 'failed';
    // my.request succeeds for every HTTP status, so a 500 would otherwise look like a 200 here.
    const httpError = entry.status !== undefined && entry.status >= 500;
    const httpWarning = entry.status !== undefined && entry.status >= 400 && entry.status < 500;
    const status = entry.state === 'pending' ? 'pending' : failed ? `failed${entry.error ? ` (${entry.error})` : ''}` : entry.api === 'connectSocket' ? `${entry.state}${entry.messages ? `, ${entry.messages} msgs` : ''}` : String(entry.status ?? '');
    const tr = h(
      'tr',
      { class: `clickable${failed || httpError ? ' row-error' : httpWarning ? ' row-warn' : ''}`, dataset: { api: entry.api, state: entry.state } },
      h('td', null, entry.api),
      h('td', null, entry.method),
      h('td', { class: 'url mono' }, entry.url),
      h('td', { class: 'network-status' }, status),
      h('td', { class: 'num' }, entry.end !== undefined ? `${Math.max(0, Math.round(entry.end - entry.start))} ms` : ''),
      h('td', { class: 'num' }, entry.bytes !== undefined ? formatBytes(entry.bytes) : ''),
      h('td', { class: 'mono' }, formatTime(entry.start)),
    );
    tr.addEventListener('click', () => {
      this.details.hidden = false;
      this.details.textContent = `request: ${toJson(entry.request, 2)}\n\nresponse: ${entry.response === undefined ? '(none)' : toJson(entry.response, 2).slice(0, 100_000)}`;
    });
    return tr;
  }
}
