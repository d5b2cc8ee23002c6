/** The headless renderer's node: a plain tree any test or tool can walk. */
import type { NodeId } from '../../contract/renderer.ts';
import { MapModel } from '../map-model.ts';
import { createVideoState, type VideoState } from './video.ts';

export interface HeadlessNode {
  id: NodeId;
  /** Element tag (`view`, `my-card` for a non-virtual component host), `#text` for text, `page` for a page root. */
  tag: string;
  /** Attributes in the order they were first set, values as the engine sent them. */
  attrs: Record<string, unknown>;
  children: HeadlessNode[];
  parent: HeadlessNode | undefined;
  /** Text nodes only. */
  text?: string;
  /** Style scope the engine stamped (component scope, or `<scope>-host`). */
  scope?: string;
  /**
   * What the `animation` attribute's finished steps left on the node (CSS property → value:
   * `transform`, `transform-origin`, `opacity`, `width`…), layered over `attrs.style`.
   */
  animationStyle?: Record<string, string>;
  /** `<video>` only: the player's state (headless/video.ts). */
  video?: VideoState;
  /** `<map>` only: centre, scale, markers… (map-model.ts). */
  map?: MapModel;
}

export function createNode(id: NodeId, tag: string, scope?: string): HeadlessNode {
  const node: HeadlessNode = { id, tag, attrs: {}, children: [], parent: undefined };
  if (scope !== undefined) node.scope = scope;
  if (tag === 'video') node.video = createVideoState();
  else if (tag === 'map') node.map = new MapModel();
  return node;
}

export function detach(node: HeadlessNode): void {
  const parent = node.parent;
  if (parent === undefined) return;
  const index = parent.children.indexOf(node);
  if (index >= 0) parent.children.splice(index, 1);
  node.parent = undefined;
}

/** Concatenated text of `node` and its descendants. */
export function textContent(node: HeadlessNode): string {
  if (node.tag === '#text') return node.text ?? '';
  let text = '';
  for (const child of node.children) text += textContent(child);
  return text;
}

/** Descendants of `root` in document order (root excluded). */
export function* descendants(root: HeadlessNode): Generator<HeadlessNode> {
  for (const child of root.children) {
    yield child;
    yield* descendants(child);
  }
}
