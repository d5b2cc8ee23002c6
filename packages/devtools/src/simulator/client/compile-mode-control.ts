/**
 * The simulator's compile modes: which one a fresh start uses, the menus that choose it (the
 * toolbar's `.sim-mode` and the Pages panel's), and saving a mode from the form through the dev
 * server (`/__mpk/modes`, which writes mini.project.json). Choosing a mode restarts the app at its
 * page with its query, scene, launch query and referrer; "Normal" is the entry page.
 */
import { EventEmitter } from 'eventemitter3';
import type { LaunchRequest } from '@mpk/runtime';
import { modePath, type CompileMode, type CompileModeError, type CompileModeInput } from '../../project/compile-mode.ts';
import { h, fill } from './dom.ts';
import { CompileModeForm } from './compile-mode-form.ts';
import type { Session } from './session.ts';

const MODES_PATH = '/__mpk/modes';

export function launchRequestOf(mode: CompileMode | undefined): LaunchRequest {
  if (!mode) return {};
  return { path: modePath(mode), query: mode.launchQuery, ...(mode.scene !== undefined ? { scene: mode.scene } : {}), ...(mode.referrerInfo ? { referrerInfo: mode.referrerInfo } : {}) };
}

export class CompileModeControl extends EventEmitter<{ change: [] }> {
  modes: CompileMode[];
  /** The chosen mode's name ('' = Normal). */
  current: string;
  private readonly form: CompileModeForm;

  constructor(
    private readonly session: Session,
    initial: { modes: CompileMode[]; initial?: string },
    private readonly token: string | undefined,
  ) {
    super();
    this.modes = initial.modes;
    this.current = initial.modes.some((m) => m.name === initial.initial) ? initial.initial! : '';
    session.launchRequest = launchRequestOf(this.find(this.current));
    this.form = new CompileModeForm({ pages: () => Object.keys(session.container?.manifest.pages ?? {}), save: (input, previous) => this.save(input, previous) });
  }

  find(name: string): CompileMode | undefined {
    return this.modes.find((m) => m.name === name);
  }

  /** Restarts the app in mode `name` ('' = Normal). */
  choose(name: string): void {
    this.current = this.find(name) ? name : '';
    this.session.launchRequest = launchRequestOf(this.find(this.current));
    this.emit('change');
    void this.session.restart({ keepStack: false });
  }

  /** Opens the form: a new mode, or `name` to edit. */
  edit(name?: string): void {
    const mode = name === undefined ? undefined : this.find(name);
    const top = this.session.top();
    this.form.open(mode, mode ? undefined : top ? { page: top.route, query: new URLSearchParams(top.query).toString() } : undefined);
  }

  /** Writes the mode through the dev server; on success it is chosen. Resolves to the refusal, if any. */
  async save(input: CompileModeInput, previous?: string): Promise<CompileModeError | undefined> {
    let response: Response;
    try {
      response = await fetch(MODES_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mpk-token': this.token ?? '' },
        body: JSON.stringify({ mode: input, ...(previous !== undefined ? { previous } : {}) }),
      });
    } catch (error) {
      return { code: 'MODE_FILE', message: `the dev server did not answer: ${(error as Error).message}` };
    }
    const body = (await response.json().catch(() => ({}))) as { modes?: CompileMode[]; saved?: string; error?: CompileModeError };
    if (!response.ok || !body.modes) return body.error ?? { code: 'MODE_FILE', message: `the dev server answered ${response.status}` };
    this.modes = body.modes;
    this.session.emit('notice', 'info', `compile mode ${JSON.stringify(body.saved)} saved to mini.project.json`);
    this.choose(body.saved ?? '');
    return undefined;
  }

  /** A mode menu bound to this control (the toolbar has one, the Pages panel another). */
  select(className: string): HTMLSelectElement {
    const select = h('select', { class: className, title: 'Compile mode (mini.project.json condition.miniprogram.list)' });
    const render = (): void => {
      fill(select, h('option', { value: '' }, 'Normal'), ...this.modes.map((m) => h('option', { value: m.name }, m.name)));
      select.value = this.current;
    };
    render();
    this.on('change', render);
    select.addEventListener('change', () => this.choose(select.value));
    return select;
  }

  /** The toolbar's part: the menu, *Edit* (the chosen mode) and *＋* (a new one). */
  toolbar(): HTMLElement {
    const select = this.select('sim-mode');
    const editButton = h('button', { class: 'sim-btn sim-mode-edit', title: 'Edit this compile mode', onclick: () => this.edit(this.current) }, 'Edit');
    const addButton = h('button', { class: 'sim-btn sim-mode-add', title: 'Add a compile mode (saved to mini.project.json)', onclick: () => this.edit() }, '＋ Mode');
    const update = (): void => {
      select.hidden = this.modes.length === 0;
      editButton.hidden = this.current === '';
    };
    update();
    this.on('change', update);
    return h('span', { class: 'sim-modes' }, select, editButton, addButton);
  }
}
