/**
 * Storage: the app's `my.setStorage` data, read and written through the same host storage adapter
 * the app uses — view every key with its JSON value and size, edit a value, add a key, delete one,
 * clear everything. Changes the app makes show up as they happen.
 */
import { h, fill, formatBytes } from '../dom.ts';
import type { Session } from '../session.ts';
import type { Panel } from './panel.ts';

export class StoragePanel implements Panel {
  readonly id = 'storage';
  readonly title = 'Storage';
  readonly element: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly summary: HTMLElement;
  private readonly status: HTMLElement;
  private editing: string | undefined;

  constructor(private readonly session: Session) {
    this.body = h('tbody');
    this.summary = h('span', { class: 'muted storage-summary' });
    this.status = h('span', { class: 'muted storage-status' });
    const keyInput = h('input', { class: 'storage-new-key', placeholder: 'key' });
    const valueInput = h('input', { class: 'storage-new-value', placeholder: 'JSON value, e.g. "text" or {"a":1}' });
    const add = h('button', {
      class: 'sim-btn storage-add',
      onclick: () => {
        if (this.write(keyInput.value.trim(), valueInput.value)) {
          keyInput.value = '';
          valueInput.value = '';
        }
      },
    }, 'Add');
    this.element = h(
      'section',
      null,
      h(
        'div',
        { class: 'panel-bar' },
        keyInput,
        valueInput,
        add,
        h('span', { class: 'grow' }),
        this.summary,
        h('button', { class: 'sim-btn storage-refresh', onclick: () => this.render() }, 'Refresh'),
        h('button', { class: 'sim-btn storage-clear', onclick: () => this.clearAll() }, 'Clear all'),
      ),
      h('div', { class: 'panel-bar storage-status-bar', hidden: true }, this.status),
      h(
        'div',
        { class: 'panel-body' },
        h('table', { class: 'grid storage-table' }, h('thead', null, h('tr', null, h('th', null, 'key'), h('th', null, 'value (JSON)'), h('th', null, 'size'), h('th', null, ''))), this.body),
      ),
    );
    session.storage.on('change', () => this.schedule());
    session.on('container', () => this.schedule());
  }

  shown(): void {
    this.render();
  }

  private get appId(): string | undefined {
    return this.session.container?.appId;
  }

  private schedule(): void {
    if (!this.element.hidden && this.editing === undefined) queueMicrotask(() => this.render());
  }

  private render(): void {
    const appId = this.appId;
    if (!appId) {
      fill(this.body);
      this.summary.textContent = '';
      return;
    }
    const storage = this.session.storage;
    const keys = storage.keys(appId).sort();
    this.summary.textContent = `${keys.length} key${keys.length === 1 ? '' : 's'}, ${formatBytes(storage.bytes(appId))} of 10 MB`;
    fill(this.body, ...keys.map((key) => this.row(appId, key, storage.get(appId, key) ?? '')));
  }

  private row(appId: string, key: string, value: string): HTMLTableRowElement {
    const valueCell = h('td', { class: 'mono storage-value' }, value.length > 500 ? `${value.slice(0, 500)}…` : value);
    const edit = h('button', { class: 'sim-btn storage-edit', onclick: () => startEdit() }, 'Edit');
    const remove = h('button', {
      class: 'sim-btn storage-delete',
      onclick: () => {
        this.session.storage.remove(appId, key);
        this.setStatus(`Deleted "${key}".`);
        this.render();
      },
    }, 'Delete');
    const tr = h('tr', { dataset: { key } }, h('td', { class: 'mono' }, key), valueCell, h('td', { class: 'num' }, formatBytes(new TextEncoder().encode(key + value).byteLength)), h('td', null, edit, ' ', remove));
    const startEdit = (): void => {
      this.editing = key;
      const area = h('textarea', { class: 'storage-editor' }, value);
      const save = h('button', {
        class: 'sim-btn storage-save',
        onclick: () => {
          if (!this.write(key, area.value)) return;
          this.editing = undefined;
          this.render();
        },
      }, 'Save');
      const cancel = h('button', {
        class: 'sim-btn',
        onclick: () => {
          this.editing = undefined;
          this.render();
        },
      }, 'Cancel');
      fill(valueCell, area, h('div', null, save, ' ', cancel));
      area.focus();
    };
    return tr;
  }

  /** Stores `text` (which must be JSON, like everything my.setStorage writes) under `key`. */
  private write(key: string, text: string): boolean {
    const appId = this.appId;
    if (!appId) return false;
    if (!key) {
      this.setStatus('A key is required.', true);
      return false;
    }
    try {
      JSON.parse(text);
    } catch (error) {
      this.setStatus(`The value must be JSON (strings in quotes): ${(error as Error).message}`, true);
      return false;
    }
    this.session.storage.set(appId, key, text.trim());
    this.setStatus(`Saved "${key}".`);
    this.render();
    return true;
  }

  private clearAll(): void {
    const appId = this.appId;
    if (!appId) return;
    this.session.storage.clear(appId);
    this.setStatus('Cleared.');
    this.render();
  }

  private setStatus(text: string, error = false): void {
    this.status.textContent = text;
    this.status.parentElement!.hidden = text === '';
    this.status.style.color = error ? '#b3261e' : '';
  }
}
