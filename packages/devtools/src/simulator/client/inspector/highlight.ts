/**
 * The inspector's highlight: a box the simulator draws over the phone (in its own document, above
 * everything, never inside the app's shadow root) around the border box of the hovered or picked
 * elements, tinted by padding and content like browser devtools, with a label (tag, size).
 */
import { h } from '../dom.ts';

export class Highlight {
  private readonly element: HTMLElement;
  private readonly padding: HTMLElement;
  private readonly content: HTMLElement;
  private readonly label: HTMLElement;

  constructor(parent: HTMLElement = document.body) {
    this.content = h('div', { class: 'inspect-content' });
    this.padding = h('div', { class: 'inspect-padding' }, this.content);
    this.label = h('div', { class: 'inspect-label mono' });
    this.element = h('div', { class: 'inspect-highlight', hidden: true, 'aria-hidden': 'true' }, this.padding, this.label);
    parent.append(this.element);
  }

  /** Around `targets` (the union of their boxes: a virtual host or a slot has several); nothing for none. */
  show(targets: readonly Element[], label: string): void {
    const rects = targets.map((t) => t.getBoundingClientRect()).filter((r) => r.width > 0 || r.height > 0);
    if (rects.length === 0) {
      this.hide();
      return;
    }
    const left = Math.min(...rects.map((r) => r.left));
    const top = Math.min(...rects.map((r) => r.top));
    const right = Math.max(...rects.map((r) => r.right));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    Object.assign(this.element.style, { left: `${left}px`, top: `${top}px`, width: `${right - left}px`, height: `${bottom - top}px` });
    // One element: its border and padding shown as insets (scaled like the phone is zoomed).
    const single = targets.length === 1 && targets[0] instanceof HTMLElement ? targets[0] : undefined;
    const style = single ? getComputedStyle(single) : undefined;
    const scale = single && single.offsetWidth > 0 ? rects[0]!.width / single.offsetWidth : 1;
    const px = (name: string) => `${(parseFloat(style?.getPropertyValue(name) ?? '0') || 0) * scale}px`;
    this.padding.style.inset = style ? `${px('border-top-width')} ${px('border-right-width')} ${px('border-bottom-width')} ${px('border-left-width')}` : '0';
    this.content.style.inset = style ? `${px('padding-top')} ${px('padding-right')} ${px('padding-bottom')} ${px('padding-left')}` : '0';
    this.label.textContent = label;
    this.label.classList.toggle('below', top < 24);
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
  }

  get visible(): boolean {
    return !this.element.hidden;
  }

  dispose(): void {
    this.element.remove();
  }
}
