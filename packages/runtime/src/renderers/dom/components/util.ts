/** Attribute value coercions shared by the component modules. */

/** Template booleans: a lone `{{expr}}` keeps its type, a bare attribute is `true`; strings are truthy as in JS. */
export function toBool(value: unknown): boolean {
  return Boolean(value);
}

export function toNumber(value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : fallback;
}

export function toText(value: unknown, fallback = ''): string {
  if (value === undefined || value === null || value === false) return fallback;
  return typeof value === 'string' ? value : String(value);
}

/** A CSS colour from an attribute; anything that could break out of a declaration is refused. */
export function toColor(value: unknown): string | undefined {
  const text = toText(value).trim();
  if (!text || /[;{}<>]|url\(|expression/i.test(text)) return undefined;
  return text;
}

/** A CSS length: numbers are px, strings pass through when they look like a length. */
export function toLength(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return `${value}px`;
  const text = toText(value).trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return `${text}px`;
  if (/^-?\d*\.?\d+(px|rpx|em|rem|%|vw|vh)$/.test(text)) {
    return text.endsWith('rpx') ? `calc(${text.slice(0, -3)} * var(--mpk-rpx))` : text;
  }
  return undefined;
}

/**
 * Values a control reported to the logic layer that may still come back as attribute updates.
 * `consume(v)` is true when `v` is such an echo (it and everything reported before it are then
 * dropped); any other value clears the queue: it is a real change from the logic layer.
 */
export class EchoQueue<T> {
  private readonly pending: T[] = [];
  constructor(private readonly limit = 64) {}

  push(value: T): void {
    this.pending.push(value);
    if (this.pending.length > this.limit) this.pending.shift();
  }

  consume(value: T): boolean {
    const index = this.pending.lastIndexOf(value);
    if (index < 0) {
      this.pending.length = 0;
      return false;
    }
    this.pending.splice(0, index + 1);
    return true;
  }
}
