/**
 * AXML → a small tree with source offsets, on top of htmlparser2.
 *
 * htmlparser2 runs in XML mode: tag and attribute names keep their case (`onTap`,
 * `catchTouchStart`), `<my-comp />` self-closes, and no HTML rule closes or renames tags
 * (`<image>` stays `image`). Entities are not decoded: like the platform, the text is kept as
 * written and `<text decode>` is the renderer's business. Mustache contents are masked before
 * tokenizing so `{{ a < b }}` cannot open a tag.
 */
import { Parser } from 'htmlparser2';
import * as C from './codes.ts';
import { maskMustaches } from './mustache.ts';
import type { Reporter } from './report.ts';

export interface AttrNode {
  /** As written (case kept). */
  name: string;
  /** Raw value as written; `undefined` for a bare attribute (`<input disabled />`). */
  value: string | undefined;
  /** Offset of the name. */
  start: number;
  /** Offset of the first character of the value (inside the quotes). */
  valueStart: number;
}

export interface ElementNode {
  type: 'element';
  /** As written. */
  tag: string;
  attrs: AttrNode[];
  children: TemplateNode[];
  /** Offset of `<`. */
  start: number;
}

export interface TextNode {
  type: 'text';
  /** Raw text as written. */
  text: string;
  start: number;
}

export type TemplateNode = ElementNode | TextNode;

/** Deeper elements are dropped with an error: every later pass recurses over the tree. */
export const MAX_DEPTH = 200;
/**
 * Past this depth the rest of the file is not parsed at all: htmlparser2 keeps its open
 * elements with `unshift`, so absurd nesting would cost quadratic time.
 */
const ABORT_DEPTH = 5 * MAX_DEPTH;

class Aborted extends Error {}

interface Frame {
  node: ElementNode;
  selfClosing: boolean;
  /** False once the element is below MAX_DEPTH and no longer attached to the tree. */
  attached: boolean;
}

class AxmlParser extends Parser {
  constructor(
    handler: ConstructorParameters<typeof Parser>[0],
    private readonly masked: string,
    private readonly onClose: (name: string, start: number) => void,
  ) {
    super(handler, { xmlMode: true, decodeEntities: false, recognizeSelfClosing: true, lowerCaseTags: false, lowerCaseAttributeNames: false });
  }

  /** Sees every closing tag, including stray ones htmlparser2 would drop silently. */
  override onclosetag(start: number, endIndex: number): void {
    this.onClose(this.masked.slice(start, endIndex), start);
    super.onclosetag(start, endIndex);
  }
}

/**
 * Parses a whole file. Problems go to `report` when given (a scan of another file passes
 * none: that file reports its own problems when it is compiled).
 */
export function parseAxml(source: string, report?: Reporter): TemplateNode[] {
  const masked = maskMustaches(source);
  const root: TemplateNode[] = [];
  const stack: Frame[] = [];
  let pendingAttrs: AttrNode[] = [];
  let pendingNames = new Set<string>();
  let lastText: TextNode | undefined;
  let tooDeepReported = false;
  let inCdata = false;
  let parser: AxmlParser | undefined;

  const container = (): TemplateNode[] | undefined => {
    const top = stack[stack.length - 1];
    if (!top) return root;
    return top.attached ? top.node.children : undefined;
  };

  const onClose = (name: string, start: number) => {
    if (!stack.some((f) => f.node.tag === name)) {
      report?.warning(C.STRAY_CLOSING_TAG, start - 2, `Closing tag </${name}> has no matching open tag and is ignored`, start + name.length);
    }
  };

  const handler = {
    onattribute(name: string, value: string, quote?: string | null) {
      const p = parser!;
      const start = p.startIndex;
      let valueStart = start + name.length;
      if (quote !== undefined) {
        while (valueStart < masked.length && masked[valueStart] !== '=') valueStart++;
        valueStart++;
        while (valueStart < masked.length && /\s/.test(masked[valueStart])) valueStart++;
        if (quote !== null) valueStart++;
      }
      if (pendingNames.has(name)) {
        report?.warning(C.DUPLICATE_ATTRIBUTE, start, `Attribute "${name}" is repeated; the first one is used`, start + name.length);
        return;
      }
      pendingNames.add(name);
      pendingAttrs.push({
        name,
        value: quote === undefined ? undefined : source.slice(valueStart, valueStart + value.length),
        start,
        valueStart,
      });
    },
    onopentag(tag: string) {
      const p = parser!;
      if (stack.length >= ABORT_DEPTH) throw new Aborted();
      const node: ElementNode = { type: 'element', tag, attrs: pendingAttrs, children: [], start: p.startIndex };
      pendingAttrs = [];
      pendingNames = new Set();
      lastText = undefined;
      const selfClosing = masked[p.endIndex - 1] === '/';
      const parent = container();
      let attached = parent !== undefined;
      if (attached && stack.length >= MAX_DEPTH) {
        attached = false;
        if (!tooDeepReported) {
          tooDeepReported = true;
          report?.error(C.TOO_DEEP, node.start, `Elements are nested more than ${MAX_DEPTH} levels deep; deeper content is dropped`);
        }
      }
      if (attached) parent!.push(node);
      stack.push({ node, selfClosing, attached });
    },
    onclosetag(name: string, isImplied: boolean) {
      lastText = undefined;
      const frame = stack.pop();
      if (!frame) return;
      if (isImplied && !frame.selfClosing) {
        report?.warning(C.UNCLOSED_TAG, frame.node.start, `<${name}> is not closed; it is closed where its parent ends`, frame.node.start + 1 + name.length);
      }
    },
    ontext(data: string) {
      const p = parser!;
      // In CDATA the event ends after `]]>`; elsewhere right after the text.
      const start = inCdata ? p.endIndex - 2 - data.length : p.endIndex + 1 - data.length;
      const parent = container();
      if (!parent) return;
      if (lastText && lastText.start + lastText.text.length === start) {
        lastText.text += source.slice(start, start + data.length);
        return;
      }
      lastText = { type: 'text', text: source.slice(start, start + data.length), start };
      parent.push(lastText);
    },
    oncomment() {
      lastText = undefined;
    },
    oncdatastart() {
      lastText = undefined;
      inCdata = true;
    },
    oncdataend() {
      lastText = undefined;
      inCdata = false;
    },
  };

  parser = new AxmlParser(handler, masked, onClose);
  try {
    parser.end(masked);
  } catch (e) {
    if (!(e instanceof Aborted)) throw e;
  }
  return root;
}

/** The first attribute called `name`, if any. */
export function getAttr(node: ElementNode, name: string): AttrNode | undefined {
  for (const a of node.attrs) if (a.name === name) return a;
  return undefined;
}
