/**
 * The headless side of `form`: what a tap on a `form-type="submit"` button submits. Controls have
 * no widget state of their own here, so each contributes the value its attributes show (what the
 * logic layer rendered, plus text typed with `input()`), the same fields the DOM form collects.
 */

import { datasetOf } from '../../view/dataset.ts';
import type { HeadlessNode } from './node.ts';

function each(node: HeadlessNode, visit: (node: HeadlessNode) => void): void {
  for (const child of node.children) {
    if (child.tag === '#text') continue;
    visit(child);
    each(child, visit);
  }
}

function checkedValues(group: HeadlessNode, item: string): string[] {
  const values: string[] = [];
  each(group, (child) => {
    if (child.tag === item && child.attrs.checked === true) values.push(String(child.attrs.value ?? ''));
  });
  return values;
}

/** The value one named control contributes to `submit` (docs: form and each control's page), or undefined. */
export function controlValue(node: HeadlessNode): unknown {
  switch (node.tag) {
    case 'input':
    case 'textarea':
      return String(node.attrs.value ?? '');
    case 'switch':
      return node.attrs.checked === true;
    case 'slider':
    case 'picker':
      return Number(node.attrs.value ?? 0);
    case 'checkbox-group':
      return checkedValues(node, 'checkbox');
    case 'radio-group':
      return checkedValues(node, 'radio')[0] ?? '';
    default:
      return undefined;
  }
}

/** `{ [name]: value }` of every named control inside `form`. */
export function formValue(form: HeadlessNode): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  each(form, (node) => {
    const name = node.attrs.name;
    if (typeof name !== 'string' || name === '') return;
    const v = controlValue(node);
    if (v !== undefined) value[name] = v;
  });
  return value;
}

/** For a tap on `node`: the form button it activates (itself or an ancestor) and that button's form. */
export function formAction(node: HeadlessNode): { kind: 'submit' | 'reset'; button: HeadlessNode; form: HeadlessNode } | undefined {
  let button: HeadlessNode | undefined = node;
  while (button !== undefined && button.tag !== 'button') button = button.parent;
  const kind = button?.attrs['form-type'];
  if (button === undefined || (kind !== 'submit' && kind !== 'reset') || button.attrs.disabled === true) return undefined;
  let form = button.parent;
  while (form !== undefined && form.tag !== 'form') form = form.parent;
  return form === undefined ? undefined : { kind, button, form };
}

export function buttonTarget(button: HeadlessNode): { dataset: Record<string, unknown> } {
  return { dataset: datasetOf(button.attrs) };
}

const CHOICES = ['checkbox', 'radio', 'switch'];

function closest(node: HeadlessNode | undefined, tags: readonly string[]): HeadlessNode | undefined {
  let at = node;
  while (at !== undefined && !tags.includes(at.tag)) at = at.parent;
  return at;
}

function first(root: HeadlessNode, test: (node: HeadlessNode) => boolean): HeadlessNode | undefined {
  for (const child of root.children) {
    if (child.tag === '#text') continue;
    if (test(child)) return child;
    const found = first(child, test);
    if (found) return found;
  }
  return undefined;
}

/**
 * For a tap on `node`: the choice control it toggles, as the built-ins do on the platform (docs: checkbox,
 * radio, switch, label): the control itself or the one it sits in, else the label's `for` target or the first
 * choice inside the label. Its `checked` follows, and the events to fire come back in order: the control's
 * `change` ({ value: checked }) and its group's (checkbox-group: the checked values; radio-group: the value).
 */
export function choiceActivation(node: HeadlessNode): Array<{ node: HeadlessNode; detail: { value: unknown } }> {
  let control = closest(node, CHOICES);
  if (control === undefined) {
    const label = closest(node, ['label']);
    if (label === undefined) return [];
    const forId = label.attrs.for;
    if (typeof forId === 'string' && forId !== '') {
      let root = label;
      while (root.parent !== undefined) root = root.parent;
      const target = first(root, (n) => n.attrs.id === forId);
      control = target !== undefined && CHOICES.includes(target.tag) ? target : undefined;
    } else {
      control = first(label, (n) => CHOICES.includes(n.tag));
    }
  }
  if (control === undefined || control.attrs.disabled === true) return [];
  const checked = control.attrs.checked === true;
  if (control.tag === 'radio') {
    if (checked) return [];
    const group = closest(control.parent, ['radio-group']);
    if (group !== undefined) each(group, (n) => n.tag === 'radio' && (n.attrs.checked = false));
    control.attrs.checked = true;
    // The radio's own change (antd-mini's Radio listens on <radio onChange>), then its group's.
    const events: Array<{ node: HeadlessNode; detail: { value: unknown } }> = [{ node: control, detail: { value: true } }];
    if (group !== undefined) events.push({ node: group, detail: { value: String(control.attrs.value ?? '') } });
    return events;
  }
  control.attrs.checked = !checked;
  const events = [{ node: control, detail: { value: !checked } as { value: unknown } }];
  const group = control.tag === 'checkbox' ? closest(control.parent, ['checkbox-group']) : undefined;
  if (group !== undefined) events.push({ node: group, detail: { value: checkedValues(group, 'checkbox') } });
  return events;
}
