/** The build error overlay: every error diagnostic with its code frame, until the next good build. */
import type { Diagnostic } from '@mpk/compiler';
import { eastAsianWidth } from 'get-east-asian-width';
import { h, fill } from './dom.ts';

/**
 * The code frame as text, with every wide character (CJK, most emoji: two columns, as the compiler
 * counts them when it places the caret) in a box exactly 2ch wide. A fallback CJK font is rarely
 * exactly twice as wide as the monospace font's digits, so without the boxes the caret under
 * `<view>你好{{ a. }}` would drift by a fraction of a column per character.
 */
export function frameText(frame: string): Array<string | HTMLElement> {
  const out: Array<string | HTMLElement> = [];
  let run = '';
  for (const ch of frame) {
    if (eastAsianWidth(ch.codePointAt(0)!) === 2) {
      if (run) out.push(run);
      run = '';
      out.push(h('span', { class: 'wide' }, ch));
    } else run += ch;
  }
  if (run) out.push(run);
  return out;
}

export class BuildOverlay {
  readonly element: HTMLElement;

  constructor() {
    this.element = h('div', { class: 'sim-overlay', hidden: true, role: 'alert' });
  }

  get visible(): boolean {
    return !this.element.hidden;
  }

  show(diagnostics: readonly Diagnostic[]): void {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    this.element.hidden = false;
    fill(
      this.element,
      h('h2', null, `Build failed: ${errors.length} error${errors.length === 1 ? '' : 's'}`),
      h('div', { class: 'muted', style: 'margin-bottom: 12px; color: #bbb' }, 'Fix the file and save: the simulator reloads with the next good build.'),
      ...errors.map((d) =>
        h(
          'div',
          { class: 'diag', dataset: { code: d.code } },
          h('div', { class: 'diag-head' }, `${location(d)}  `, h('span', { class: 'error' }, d.severity), `  ${d.code}  ${d.message}`),
          d.frame ? h('pre', null, ...frameText(d.frame)) : null,
        ),
      ),
    );
  }

  hide(): void {
    this.element.hidden = true;
    this.element.replaceChildren();
  }
}

function location(d: Diagnostic): string {
  const file = d.file || '<project>';
  if (d.line > 0) return d.column > 0 ? `${file}:${d.line}:${d.column}` : `${file}:${d.line}`;
  return file;
}
