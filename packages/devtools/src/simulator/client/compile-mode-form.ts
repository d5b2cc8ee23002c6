/**
 * The compile-mode form (a dialog over the simulator): the IDE's fields — 模式名称 name, 启动页面
 * page, 页面参数 query, 全局参数 launch query, 场景值 scene, and the referrer (appId, extraData)
 * — sent to the dev server, which checks them and writes mini.project.json. A refusal is shown
 * next to the field it is about, with its code; the dialog stays open.
 */
import type { CompileMode, CompileModeError, CompileModeInput } from '../../project/compile-mode.ts';
import { h, fill } from './dom.ts';

export interface CompileModeFormHost {
  /** The app's pages (for the page menu). */
  pages(): string[];
  save(input: CompileModeInput, previous?: string): Promise<CompileModeError | undefined>;
}

const FIELDS = ['name', 'page', 'query', 'launchQuery', 'scene', 'referrerAppId', 'referrerExtraData'] as const;
type Field = (typeof FIELDS)[number];

export class CompileModeForm {
  private element: HTMLElement | undefined;

  constructor(private readonly host: CompileModeFormHost) {}

  /** Opens the dialog: `mode` to edit it, else a new mode (prefilled with `start`, e.g. the page on top). */
  open(mode?: CompileMode, start?: { page: string; query: string }): void {
    this.close();
    const pages = this.host.pages();
    const page = mode?.page ?? start?.page ?? pages[0] ?? '';
    const inputs: Record<Field, HTMLInputElement | HTMLTextAreaElement> = {
      name: h('input', { name: 'name', value: mode?.name ?? '', placeholder: 'e.g. detail from a QR code', maxlength: '64' }),
      page: h('input', { name: 'page', value: page, list: 'mpk-mode-pages', placeholder: 'pages/index/index' }),
      query: h('input', { name: 'query', value: mode ? new URLSearchParams(mode.pageQuery).toString() : (start?.query ?? ''), placeholder: 'id=1&from=qr' }),
      launchQuery: h('input', { name: 'launchQuery', value: mode ? new URLSearchParams(mode.launchQuery).toString() : '', placeholder: 'App.onLaunch(options).query: a=1' }),
      scene: h('input', { name: 'scene', type: 'number', min: '0', max: '99999', value: mode?.scene === undefined ? '' : String(mode.scene), placeholder: 'default (e.g. 1011: QR code)' }),
      referrerAppId: h('input', { name: 'referrerAppId', value: mode?.referrerInfo?.appId ?? '', placeholder: 'the opening app’s appId' }),
      referrerExtraData: h('textarea', { name: 'referrerExtraData', rows: 3, placeholder: '{ "from": "partner" }' }, mode?.referrerInfo?.extraData ? JSON.stringify(mode.referrerInfo.extraData, null, 2) : ''),
    };
    const messages = Object.fromEntries(FIELDS.map((f) => [f, h('div', { class: 'mode-field-error', hidden: true })])) as unknown as Record<Field, HTMLElement>;
    const general = h('div', { class: 'mode-form-error', hidden: true });
    const row = (field: Field, label: string) => h('label', { class: 'mode-field' }, h('span', null, label), inputs[field], messages[field]);
    const saveButton = h('button', { class: 'sim-btn primary mode-save', type: 'submit' }, mode ? 'Save' : 'Add');
    const form = h(
      'form',
      { class: 'mode-form' },
      h('h3', null, mode ? `Edit compile mode “${mode.name}”` : 'New compile mode'),
      h('datalist', { id: 'mpk-mode-pages' }, ...pages.map((p) => h('option', { value: p }))),
      row('name', 'Name'),
      row('page', 'Page'),
      row('query', 'Page query'),
      row('launchQuery', 'Launch query'),
      row('scene', 'Scene'),
      h('fieldset', null, h('legend', null, 'Referrer (opened by another app)'), row('referrerAppId', 'appId'), row('referrerExtraData', 'extraData (JSON)')),
      general,
      h('div', { class: 'mode-buttons' }, h('button', { class: 'sim-btn mode-cancel', type: 'button', onclick: () => this.close() }, 'Cancel'), saveButton),
    );
    const show = (error: CompileModeError): void => {
      const target = error.field && (FIELDS as readonly string[]).includes(error.field) ? messages[error.field as Field] : general;
      target.hidden = false;
      fill(target, `${error.message} (${error.code})`);
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      for (const el of [...Object.values(messages), general]) el.hidden = true;
      const extraText = inputs.referrerExtraData.value.trim();
      let extraData: unknown;
      if (extraText) {
        try {
          extraData = JSON.parse(extraText);
        } catch {
          return show({ code: 'MODE_REFERRER', field: 'referrerExtraData', message: 'extraData is not JSON' });
        }
      }
      const appId = inputs.referrerAppId.value.trim();
      const input: CompileModeInput = {
        name: inputs.name.value,
        page: inputs.page.value,
        query: inputs.query.value,
        launchQuery: inputs.launchQuery.value,
        scene: inputs.scene.value === '' ? null : inputs.scene.value,
        ...(appId || extraData !== undefined ? { referrerInfo: { appId, ...(extraData !== undefined ? { extraData } : {}) } } : {}),
      };
      saveButton.disabled = true;
      void this.host.save(input, mode?.name).then((error) => {
        saveButton.disabled = false;
        if (error) show(error);
        else this.close();
      });
    });
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
    this.element = h('div', { class: 'sim-modal' }, form);
    document.body.append(this.element);
    inputs.name.focus();
  }

  close(): void {
    this.element?.remove();
    this.element = undefined;
  }
}
