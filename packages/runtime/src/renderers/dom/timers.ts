/** Timers of one renderer: all cleared by `clearAll()`, and a throwing callback is reported, not thrown. */

export class Timers {
  private readonly handles = new Set<number>();
  private stopped = false;

  constructor(
    private readonly win: Window | null,
    private readonly onError: (error: unknown) => void,
  ) {}

  set(fn: () => void, ms: number): number {
    if (!this.win || this.stopped) return 0;
    const handle = this.win.setTimeout(() => {
      this.handles.delete(handle);
      if (this.stopped) return;
      try {
        fn();
      } catch (error) {
        this.onError(error);
      }
    }, ms);
    this.handles.add(handle);
    return handle;
  }

  clear(handle: number | undefined): void {
    if (handle === undefined || !this.handles.delete(handle)) return;
    this.win?.clearTimeout(handle);
  }

  clearAll(): void {
    this.stopped = true;
    for (const handle of this.handles) this.win?.clearTimeout(handle);
    this.handles.clear();
  }
}
