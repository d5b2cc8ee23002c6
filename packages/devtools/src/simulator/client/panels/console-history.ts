/**
 * The Console input's history: newest last, without repeats of the previous entry, kept in the
 * page's localStorage so it survives reloads of the simulator. ↑ walks back, ↓ forward to the
 * line being typed.
 */
const KEY = 'mpk-simulator:console-history';
const MAX = 100;

export class ConsoleHistory {
  private readonly entries: string[];
  /** Position while walking (entries.length: the line being typed). */
  private cursor: number;
  private draft = '';

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage) {
    this.entries = load(storage);
    this.cursor = this.entries.length;
  }

  get list(): readonly string[] {
    return this.entries;
  }

  push(line: string): void {
    if (line.trim() && this.entries[this.entries.length - 1] !== line) this.entries.push(line);
    if (this.entries.length > MAX) this.entries.splice(0, this.entries.length - MAX);
    this.cursor = this.entries.length;
    this.draft = '';
    try {
      this.storage?.setItem(KEY, JSON.stringify(this.entries));
    } catch {
      /* storage full or unavailable: the history lasts this page */
    }
  }

  /** ↑: the previous entry (`current` is what the input holds now); undefined at the oldest. */
  back(current: string): string | undefined {
    if (this.cursor === 0) return undefined;
    if (this.cursor === this.entries.length) this.draft = current;
    return this.entries[--this.cursor];
  }

  /** ↓: the next entry, then the line that was being typed; undefined when already there. */
  forward(): string | undefined {
    if (this.cursor >= this.entries.length) return undefined;
    this.cursor++;
    return this.cursor === this.entries.length ? this.draft : this.entries[this.cursor];
  }
}

function load(storage: Pick<Storage, 'getItem'> | undefined): string[] {
  try {
    const saved = JSON.parse(storage?.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(saved) ? saved.filter((s): s is string => typeof s === 'string').slice(-MAX) : [];
  } catch {
    return [];
  }
}
