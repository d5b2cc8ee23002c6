/**
 * The headless renderer's canvases: no pixels, a recording. Each `<canvas>` node (and each offscreen
 * canvas of the app) keeps the calls its batches replayed since it was last cleared — `draw()`
 * without reserve and a new size clear it, `draw(true)` and 2d flushes add to it — so a test asserts
 * what was drawn (`HeadlessRenderer.canvas('#c').calls`, the harness's `page.canvas('#c')`).
 * At most `CANVAS_LIMITS.recorded` calls are kept per canvas: older ones are dropped and counted.
 */
import { CANVAS_LIMITS, type CanvasCall, type CanvasDraw } from '../../contract/canvas.ts';
import { canvasAttrSize, isCanvasWithId } from '../../view/canvas.ts';
import { descendants, type HeadlessNode } from './node.ts';

export interface CanvasRecording {
  /** Backing size: the width/height attributes (default 300 × 225), or what a 2d/offscreen canvas set. */
  width: number;
  height: number;
  /** The calls drawn since the canvas was last cleared, in order. */
  calls: CanvasCall[];
  /** Batches received (`draw()` calls and 2d flushes). */
  draws: number;
  /** Older calls dropped to keep at most `CANVAS_LIMITS.recorded`. */
  dropped: number;
}

export class HeadlessCanvases {
  private readonly onScreen = new WeakMap<HeadlessNode, CanvasRecording>();
  private readonly offscreen = new Map<number, CanvasRecording>();

  /** The recording of a canvas node (created empty on first use). */
  of(node: HeadlessNode): CanvasRecording {
    let recording = this.onScreen.get(node);
    if (!recording) {
      const size = canvasAttrSize(node.attrs);
      recording = { width: size.width, height: size.height, calls: [], draws: 0, dropped: 0 };
      this.onScreen.set(node, recording);
    }
    return recording;
  }

  offscreenCanvas(id: number): CanvasRecording | undefined {
    return this.offscreen.get(id);
  }

  /** Applies a checked batch; `root` is the page's root, `byId` the renderer's node table. Throws when the canvas is not there. */
  draw(root: HeadlessNode | undefined, byId: (id: number) => HeadlessNode | undefined, draw: CanvasDraw): void {
    const target = draw.target;
    let recording: CanvasRecording | undefined;
    if ('offscreen' in target) {
      recording = this.offscreen.get(target.offscreen);
      if (!recording) {
        if (this.offscreen.size >= CANVAS_LIMITS.offscreen) throw new Error(`at most ${CANVAS_LIMITS.offscreen} offscreen canvases`);
        recording = { width: 100, height: 100, calls: [], draws: 0, dropped: 0 };
        this.offscreen.set(target.offscreen, recording);
      }
    } else {
      const node = 'node' in target ? byId(target.node) : root && [...descendants(root)].find((n) => isCanvasWithId(n.tag, n.attrs, target.canvasId));
      if (!node || node.tag !== 'canvas' || !root || !isUnder(node, root)) {
        throw new Error('canvasId' in target ? `no <canvas id="${target.canvasId}"> on the page` : 'the canvas node is no longer on the page');
      }
      recording = this.of(node);
    }
    recording.draws++;
    if (draw.size) {
      recording.width = draw.size.width;
      recording.height = draw.size.height;
      recording.calls = [];
    }
    if (!draw.reserve) recording.calls = [];
    recording.calls.push(...draw.calls);
    const over = recording.calls.length - CANVAS_LIMITS.recorded;
    if (over > 0) {
      recording.calls.splice(0, over);
      recording.dropped += over;
    }
  }
}

function isUnder(node: HeadlessNode, root: HeadlessNode): boolean {
  for (let at: HeadlessNode | undefined = node; at; at = at.parent) if (at === root) return true;
  return false;
}
