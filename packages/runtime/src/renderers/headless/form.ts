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
