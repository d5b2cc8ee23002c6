/**
 * Console: the mini-program's `console.*` output and its errors (source-mapped by the container to
 * the author's files), the simulator's own notices, with level filtering, a text filter and a
 * clear button; and an input line whose expressions run in the app's logic layer
 * (`Container.devEvaluate`: inside the sandbox, under its limits), with ↑/↓ history.
 */
import type { DevEvaluation } from '@mpk/runtime';
import { h, formatTime, toJson } from '../dom.ts';
import type { Session } from '../session.ts';
import { ConsoleHistory } from './console-history.ts';
import type { Panel } from './panel.ts';

export type ConsoleLevel = 'debug' | 'log' | 'info' | 'warn' | 'error';

interface Entry {
  level: ConsoleLevel;
  time: number;
  args: unknown[];
  stack?: string;
  /** `input`: a line the developer typed; `result`: what it evaluated to. */
  source: 'app' | 'simulator' | 'input' | 'result';
}

const MAX_ENTRIES = 2000;
const LEVEL_RANK: Record<ConsoleLevel, number> = { debug: 0, log: 1, info: 2, warn: 3, error: 4 };

export class ConsolePanel implements Panel {
  readonly id = 'console';
  readonly title = 'Console';
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly levelSelect: HTMLSelectElement;
  private readonly filterInput: HTMLInputElement;
  private readonly entries: Entry[] = [];
  private readonly input: HTMLTextAreaElement;
  readonly history = new ConsoleHistory();
  private readonly session: Session;
  /** Errors since the panel was last looked at (the tab's badge). */
  unseenErrors = 0;
  onBadge: (count: number) => void = () => {};

  constructor(session: Session) {
    this.levelSelect = h(
      'select',
      { class: 'console-level', title: 'Lowest level shown', onchange: () => this.render() },
      ...(['debug', 'log', 'info', 'warn', 'error'] as const).map((level) => h('option', { value: level, selected: level === 'debug' }, level === 'debug' ? 'all levels' : `${level}+`)),
    );
    this.filterInput = h('input', { class: 'console-filter', type: 'search', placeholder: 'Filter', oninput: () => this.render() });
    const clear = h('button', { class: 'sim-btn console-clear', onclick: () => this.clear() }, 'Clear');
    this.list = h('div', { class: 'panel-body console-list' });
    this.input = h('textarea', {
      class: 'console-input mono',
      rows: 1,
      spellcheck: false,
      placeholder: 'Evaluate in the app’s logic layer, e.g. getCurrentPages()[0].data  (Enter runs, Shift+Enter new line, ↑/↓ history)',
      onkeydown: (event: KeyboardEvent) => this.keydown(event),
    });
    this.element = h(
      'section',
      null,
      h('div', { class: 'panel-bar' }, this.levelSelect, this.filterInput, h('span', { class: 'grow' }), clear),
      this.list,
      h('div', { class: 'console-prompt' }, h('span', { class: 'console-caret mono' }, '›'), this.input),
    );
    this.session = session;

    session.on('log', (entry) => this.add({ level: entry.level, time: Date.now(), args: entry.args, source: 'app' }));
    session.on('error', (error) =>
      this.add({ level: 'error', time: Date.now(), args: [`${labelOf(error.kind)} ${error.message}`], stack: error.stack, source: 'app' }),
    );
    session.on('notice', (level, message) => this.add({ level, time: Date.now(), args: [`[simulator] ${message}`], source: 'simulator' }));
    session.on('reload', (report) => {
      if (report.kind === 'start') return;
      const what = { none: 'no change', style: 'styles swapped', view: 'views reloaded, data kept', restart: 'logic restarted, page stack reopened' }[report.kind];
      this.add({ level: 'info', time: Date.now(), args: [`[simulator] build ${report.build}: ${what} (${Math.round(report.ms)} ms)${report.reason ? ` — ${report.reason}` : ''}`], source: 'simulator' });
    });
  }

  shown(): void {
    this.unseenErrors = 0;
    this.onBadge(0);
    this.list.scrollTop = this.list.scrollHeight;
  }

  clear(): void {
    this.entries.length = 0;
    this.unseenErrors = 0;
    this.onBadge(0);
    this.list.replaceChildren();
  }

  /**
   * Runs one line of the input in the app's logic layer and prints it and its result (errors as
   * errors). Resolves once the result is printed.
   */
  async evaluate(expression: string): Promise<DevEvaluation | undefined> {
    if (!expression.trim()) return undefined;
    this.history.push(expression);
    this.add({ level: 'log', time: Date.now(), args: [expression], source: 'input' });
    const container = this.session.container;
    const result: DevEvaluation = container ? await container.devEvaluate(expression) : { ok: false, kind: 'terminated', message: 'the app is not running' };
    if (result.ok) this.add({ level: 'log', time: Date.now(), args: [result.type === 'string' ? JSON.stringify(result.value) : result.value], source: 'result' });
    else this.add({ level: 'error', time: Date.now(), args: [result.kind === 'error' ? `Uncaught ${result.message}` : `[${result.kind}] ${result.message}`], stack: result.stack, source: 'result' });
    return result;
  }

  private keydown(event: KeyboardEvent): void {
    const input = this.input;
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      const expression = input.value;
      input.value = '';
      this.fit();
      void this.evaluate(expression);
      return;
    }
    // History only from the first line (↑) or the last (↓), so a multi-line input stays editable.
    const before = input.value.slice(0, input.selectionStart);
    const after = input.value.slice(input.selectionEnd);
    const next = event.key === 'ArrowUp' && !before.includes('\n') ? this.history.back(input.value) : event.key === 'ArrowDown' && !after.includes('\n') ? this.history.forward() : undefined;
    if (next === undefined) {
      queueMicrotask(() => this.fit());
      return;
    }
    event.preventDefault();
    input.value = next;
    input.setSelectionRange(next.length, next.length);
    this.fit();
  }

  /** The input grows with its lines (up to a few). */
  private fit(): void {
    this.input.rows = Math.min(8, Math.max(1, this.input.value.split('\n').length));
  }

  /** Text of the visible lines (tests, copy). */
  text(): string {
    return this.list.innerText;
  }

  private add(entry: Entry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) {
      this.entries.splice(0, this.entries.length - MAX_ENTRIES);
      this.list.firstElementChild?.remove();
    }
    if (entry.level === 'error' && this.element.hidden) {
      this.unseenErrors++;
      this.onBadge(this.unseenErrors);
    }
    if (!this.matches(entry)) return;
    const stick = this.list.scrollTop + this.list.clientHeight >= this.list.scrollHeight - 4;
    this.list.append(this.line(entry));
    if (stick) this.list.scrollTop = this.list.scrollHeight;
  }

  private render(): void {
    this.list.replaceChildren(...this.entries.filter((e) => this.matches(e)).map((e) => this.line(e)));
  }

  private matches(entry: Entry): boolean {
    if (LEVEL_RANK[entry.level] < LEVEL_RANK[this.levelSelect.value as ConsoleLevel]) return false;
    const filter = this.filterInput.value.trim().toLowerCase();
    if (!filter) return true;
    return entry.args.some((a) => (typeof a === 'string' ? a : toJson(a)).toLowerCase().includes(filter)) || (entry.stack ?? '').toLowerCase().includes(filter);
  }

  private line(entry: Entry): HTMLElement {
    const args = entry.args.map((arg) => {
      if (typeof arg === 'string') return h('span', { class: 'log-arg' }, arg);
      if (arg === null || typeof arg !== 'object') return h('span', { class: 'log-arg' }, toJson(arg));
      // Objects: compact, click to expand.
      const compact = toJson(arg);
      const el = h('span', { class: 'log-arg log-obj', title: 'Click to expand' }, compact.length > 300 ? `${compact.slice(0, 300)}…` : compact);
      let expanded = false;
      el.addEventListener('click', () => {
        expanded = !expanded;
        el.textContent = expanded ? toJson(arg, 2) : compact.length > 300 ? `${compact.slice(0, 300)}…` : compact;
      });
      return el;
    });
    const mark = entry.source === 'input' ? '›' : entry.source === 'result' ? '‹' : entry.level;
    return h(
      'div',
      { class: `log-line ${entry.level}${entry.source === 'input' || entry.source === 'result' ? ` ${entry.source}` : ''}`, dataset: { level: entry.level, source: entry.source } },
      h('span', { class: 'log-time' }, formatTime(entry.time)),
      h('span', { class: 'log-level' }, mark),
      h('span', { class: 'log-text' }, ...args.flatMap((arg, i) => (i === 0 ? [arg] : [' ', arg])), entry.stack ? h('span', { class: 'log-stack' }, entry.stack) : null),
    );
  }
}

function labelOf(kind: string): string {
  switch (kind) {
    case 'uncaught':
      return 'Uncaught';
    case 'unhandledRejection':
      return 'Unhandled rejection:';
    case 'timeout':
    case 'oom':
    case 'terminated':
      return `[${kind}]`;
    default:
      return `[${kind}]`;
  }
}
