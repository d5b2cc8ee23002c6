/**
 * What an element shows of its author's `class` and `style` next to the renderer's own state classes
 * (`mpk-button-primary`, hover classes) and inline properties (`--mpk-icon-size`, widthFix's height):
 * both are kept apart so that either side can change without wiping the other.
 */

import { classNames } from '../../view/selector.ts';
import { styleText } from './style.ts';

export class Presentation {
  private userClass = '';
  private readonly internalClasses = new Set<string>();
  private userStyle = '';
  private readonly hostStyles = new Map<string, string>();

  constructor(
    private readonly host: HTMLElement,
    internal: readonly string[] = [],
    /** Package URLs in the author's style (`background-image: url(/images/a.png)`) → where the host serves them. */
    private readonly resolveUrl?: (url: string) => string,
  ) {
    for (const name of internal) this.internalClasses.add(name);
    if (internal.length > 0) this.writeClass();
  }

  setAuthorClass(value: unknown): void {
    this.userClass = classNames(value).join(' ');
    this.writeClass();
  }

  setAuthorStyle(value: unknown): void {
    this.userStyle = styleText(value, this.resolveUrl);
    this.writeStyle();
  }

  toggleClasses(names: readonly string[], on: boolean): void {
    for (const name of names) {
      if (!name) continue;
      if (on) this.internalClasses.add(name);
      else this.internalClasses.delete(name);
    }
    this.writeClass();
  }

  /** An inline property that survives the author's `style`; undefined or '' removes it. */
  setHostStyle(property: string, value: string | undefined): void {
    if (value === undefined || value === '') this.hostStyles.delete(property);
    else this.hostStyles.set(property, value);
    this.writeStyle();
  }

  private writeClass(): void {
    const names = [this.userClass, ...this.internalClasses].filter(Boolean).join(' ');
    if (names) this.host.setAttribute('class', names);
    else this.host.removeAttribute('class');
  }

  private writeStyle(): void {
    if (!this.userStyle && this.hostStyles.size === 0) {
      // Not through cssText: Chrome would write back an empty style="" later.
      this.host.removeAttribute('style');
      return;
    }
    this.host.style.cssText = this.userStyle;
    for (const [property, value] of this.hostStyles) this.host.style.setProperty(property, value);
  }
}
