/**
 * `placeholder-style` of inputs: `::placeholder` cannot be styled inline, so each field gets a
 * `data-mpk-ph` key and a rule in one renderer-owned `<style>` element.
 */

export class PlaceholderStyles {
  private readonly rules = new Map<number, string>();
  private sheet?: HTMLStyleElement;

  constructor(
    private readonly doc: Document,
    private readonly parent: ParentNode | null,
    private readonly prefix: string,
  ) {}

  set(id: number, host: HTMLElement, css: string): void {
    const key = `${this.prefix}-${id}`;
    // Declarations only: whatever could close the rule or start another ends the text.
    const clean = css.split(/[{}<>@\\]/)[0].trim();
    if (clean) {
      host.setAttribute('data-mpk-ph', key);
      this.rules.set(id, `[data-mpk-ph="${key}"]::placeholder { ${clean} }`);
    } else {
      host.removeAttribute('data-mpk-ph');
      this.rules.delete(id);
    }
    this.write();
  }

  forget(id: number): void {
    if (this.rules.delete(id)) this.write();
  }

  dispose(): void {
    this.rules.clear();
    this.sheet?.remove();
    this.sheet = undefined;
  }

  private write(): void {
    if (!this.sheet) {
      if (this.rules.size === 0 || !this.parent) return;
      this.sheet = this.doc.createElement('style');
      this.sheet.setAttribute('data-mpk-dom-placeholders', this.prefix);
      this.parent.appendChild(this.sheet);
    }
    this.sheet.textContent = [...this.rules.values()].join('\n');
  }
}
