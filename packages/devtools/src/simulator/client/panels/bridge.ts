/**
 * Bridge: every message between the logic layer and the host, as the container reports it — time,
 * direction, type, size in bytes (its JSON) and a one-line summary; filterable by type and text;
 * a click shows the message. `patch` messages carry their size against the platform's guidance:
 * over 256 KB is flagged, over the 1 MB hard limit marked as an error.
 */
import type { BridgeTraffic, HostToLogic, LogicToHost } from '@mpk/runtime';
import { h, fill, formatBytes, formatTime, toJson } from '../dom.ts';
import type { Session } from '../session.ts';
import type { Panel } from './panel.ts';

export const PATCH_WARN_BYTES = 256 * 1024;
export const PATCH_LIMIT_BYTES = 1024 * 1024;
const MAX_ROWS = 2000;
/** The messages kept for display stay under this many bytes (big patches push old rows out sooner). */
const MAX_KEPT_BYTES = 32 * 1024 * 1024;

interface Row {
  n: number;
  time: number;
  direction: BridgeTraffic['direction'];
  type: string;
  bytes: number;
  summary: string;
  message: HostToLogic | LogicToHost;
}

export class BridgePanel implements Panel {
  readonly id = 'bridge';
  readonly title = 'Bridge';
  readonly element: HTMLElement;
  private readonly rows: Row[] = [];
  private readonly types = new Set<string>();
  private readonly typeSelect: HTMLSelectElement;
  private readonly filterInput: HTMLInputElement;
  private readonly pause: HTMLInputElement;
  private readonly body: HTMLTableSectionElement;
  private readonly totals: HTMLElement;
  private readonly details: HTMLElement;
  private counter = 0;
  private totalBytes = 0;
  private dirty = false;

  constructor(session: Session) {
    this.typeSelect = h('select', { class: 'bridge-type', onchange: () => this.render() }, h('option', { value: '' }, 'all types'));
    this.filterInput = h('input', { class: 'bridge-filter', type: 'search', placeholder: 'Filter (id, api, handler…)', oninput: () => this.render() });
    this.pause = h('input', { type: 'checkbox' });
    this.totals = h('span', { class: 'muted bridge-totals' });
    this.body = h('tbody');
    this.details = h('pre', { class: 'details mono', hidden: true });
    const table = h(
      'table',
      { class: 'grid bridge-table' },
      h('thead', null, h('tr', null, h('th', null, 'time'), h('th', null, 'dir'), h('th', null, 'type'), h('th', null, 'size'), h('th', null, 'summary'))),
      this.body,
    );
    this.element = h(
      'section',
      null,
      h(
        'div',
        { class: 'panel-bar' },
        this.typeSelect,
        this.filterInput,
        h('label', null, this.pause, 'pause'),
        h('span', { class: 'grow' }),
        this.totals,
        h('button', { class: 'sim-btn', onclick: () => this.clear() }, 'Clear'),
      ),
      h('div', { class: 'panel-body' }, table),
      this.details,
    );
    session.on('bridge', (traffic) => this.record(traffic));
  }

  shown(): void {
    if (this.dirty) this.render();
  }

  clear(): void {
    this.rows.length = 0;
    this.totalBytes = 0;
    this.details.hidden = true;
    this.render();
  }

  private record(traffic: BridgeTraffic): void {
    if (this.pause.checked) return;
    for (const message of traffic.messages) {
      const type = message.t;
      const bytes = jsonBytes(message);
      const row: Row = { n: ++this.counter, time: traffic.time, direction: traffic.direction, type, bytes, summary: summarize(message), message };
      this.rows.push(row);
      this.totalBytes += bytes;
      if (!this.types.has(type)) {
        this.types.add(type);
        this.typeSelect.append(h('option', { value: type }, type));
      }
      if (!this.element.hidden && this.matches(row)) this.body.append(this.rowElement(row));
    }
    let drop = Math.max(0, this.rows.length - MAX_ROWS);
    for (let kept = this.totalBytes; drop < this.rows.length - 1 && kept > MAX_KEPT_BYTES; drop++) kept -= this.rows[drop]!.bytes;
    if (drop > 0) {
      const dropped = this.rows.splice(0, drop);
      for (const row of dropped) this.totalBytes -= row.bytes;
      if (!this.element.hidden) this.render();
    }
    this.dirty = this.element.hidden;
    this.totals.textContent = `${this.rows.length} messages, ${formatBytes(this.totalBytes)}`;
  }

  private render(): void {
    this.dirty = false;
    fill(this.body, ...this.rows.filter((r) => this.matches(r)).map((r) => this.rowElement(r)));
    this.totals.textContent = `${this.rows.length} messages, ${formatBytes(this.totalBytes)}`;
  }

  private matches(row: Row): boolean {
    const type = this.typeSelect.value;
    if (type && row.type !== type) return false;
    const filter = this.filterInput.value.trim().toLowerCase();
    return !filter || row.summary.toLowerCase().includes(filter) || row.type.includes(filter);
  }

  private rowElement(row: Row): HTMLTableRowElement {
    let flag: HTMLElement | null = null;
    let rowClass = 'clickable';
    if (row.type === 'patch' && row.bytes > PATCH_LIMIT_BYTES) {
      flag = h('span', { class: 'tag error', title: 'Over the 1 MB limit of one setData transfer' }, 'over 1 MB limit');
      rowClass += ' row-error';
    } else if (row.type === 'patch' && row.bytes > PATCH_WARN_BYTES) {
      flag = h('span', { class: 'tag warn', title: 'The docs recommend at most 256 KB per setData' }, 'over 256 KB');
      rowClass += ' row-warn';
    }
    const tr = h(
      'tr',
      { class: rowClass, dataset: { type: row.type, direction: row.direction } },
      h('td', { class: 'mono' }, formatTime(row.time)),
      // Who sent it, then who hears it: a patch is logic → host, an event host → logic.
      h('td', { class: 'bridge-direction' }, row.direction === 'toLogic' ? 'host → logic' : 'logic → host'),
      h('td', null, h('span', { class: 'tag' }, row.type)),
      h('td', { class: 'num bridge-size' }, formatBytes(row.bytes), flag ? ' ' : null, flag),
      h('td', { class: 'mono' }, row.summary),
    );
    tr.addEventListener('click', () => {
      for (const other of this.body.querySelectorAll('tr.selected')) other.classList.remove('selected');
      tr.classList.add('selected');
      this.details.hidden = false;
      const text = toJson(row.message, 2);
      this.details.textContent = text.length > 200_000 ? `${text.slice(0, 200_000)}\n… (${formatBytes(row.bytes)} in all)` : text;
    });
    return tr;
  }
}

/** Size as the platform counts setData: characters of JSON (what the container reports per batch too). */
function jsonBytes(message: unknown): number {
  try {
    return JSON.stringify(message).length;
  } catch {
    return 0;
  }
}

/** One line about a message: what a developer scans the list for. */
export function summarize(message: HostToLogic | LogicToHost): string {
  const m = message as unknown as Record<string, unknown>;
  switch (message.t) {
    case 'patch':
      return `#${message.id} seq ${message.seq}: ${message.ops.map((op) => (op[0] === 'set' ? `set ${pathText(op[1])}` : `splice ${pathText(op[1])}`)).join(', ')}${message.props ? ' +props' : ''}`;
    case 'invoke':
      return `${message.api}${message.sync ? ' (sync)' : ''} cb ${message.cb}${message.task !== undefined ? ` task ${message.task}` : ''}`;
    case 'reply':
      return message.ok ? `cb ${message.cb} ok` : `cb ${message.cb} failed: ${message.error.error} ${message.error.errorMessage}`;
    case 'event':
      return `#${message.id} ${message.handler} (${message.event?.type})`;
    case 'pageLoad':
      return `#${message.id} ${message.route}${Object.keys(message.query).length ? `?${new URLSearchParams(message.query)}` : ''}`;
    case 'compCreate':
      return `#${message.id} ${message.is} in #${message.owner}`;
    case 'log':
      return `${message.level}: ${message.args.map((a) => (typeof a === 'string' ? a : toJson(a))).join(' ').slice(0, 200)}`;
    case 'error':
      return `${message.kind}: ${message.message}`;
    case 'stack':
      return message.ids.map((id) => `#${id}`).join(' ');
    case 'pageEvent':
      return `#${message.id} ${message.name}`;
    case 'task':
      return `task ${message.task} ${message.event}`;
    case 'hostEvent':
      return message.name;
    case 'rendered':
      return `#${message.id} seq ${message.seq}`;
    case 'devSetData':
      return `#${message.id} ${Object.keys(message.data).join(', ')}`;
    default:
      return typeof m.id === 'number' ? `#${m.id}` : '';
  }
}

function pathText(path: (string | number)[]): string {
  if (path.length === 0) return '(all)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
