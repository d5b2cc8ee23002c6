/**
 * Names the base library answers inside the sandbox (src/guest): `my.canIUse`,
 * `my.SDKVersion`, `my.env`, the app-level events, launch options, selector queries and intersection observers,
 * canvas contexts (my.createCanvasContext, my.createOffscreenCanvas), the Animation builder (`my.createAnimation`), Base64 ↔ ArrayBuffer, `my.nextTick` and the cloud SDK (`my.cloud`, the `Cloud`
 * global). They are declared like every other API — for the catalogue, `generateApiTypes` and the
 * harness mocks — with `baselib: true`: no invoke for them reaches the host, and the registry does
 * not list them in `init` (the guest has them already).
 */

import { s } from '../schema.ts';
import type { ApiDefinition } from '../types.ts';
import { DOCUMENTED_APIS, type DocumentedApi } from './docs-catalogue.ts';

/** Documented names the base library implements. */
export const BASELIB_DOCUMENTED = new Set([
  'canIUse', 'SDKVersion', 'env', 'createSelectorQuery', 'createIntersectionObserver', 'createCanvasContext', 'createOffscreenCanvas', 'createAnimation',
  'getLaunchOptionsSync', 'getEnterOptionsSync', 'arrayBufferToBase64', 'base64ToArrayBuffer',
  'onError', 'offError', 'onUnhandledRejection', 'offUnhandledRejection',
  'onAppShow', 'offAppShow', 'onAppHide', 'offAppHide', 'onPageNotFound', 'offPageNotFound',
  'onComponentError', 'offComponentError',
]);

/** The Animation builder's methods (the docs list them in prose tables). */
const ANIMATION_METHODS = [
  'backgroundColor', 'bottom', 'export', 'height', 'left', 'matrix', 'matrix3d', 'opacity', 'right',
  'rotate', 'rotate3d', 'rotateX', 'rotateY', 'rotateZ', 'scale', 'scale3d', 'scaleX', 'scaleY', 'scaleZ',
  'skew', 'skewX', 'skewY', 'step', 'top', 'translate', 'translate3d', 'translateX', 'translateY', 'translateZ', 'width',
];

const answered = () => {
  throw new Error('answered by the base library');
};

function fromDocs(api: DocumentedApi): ApiDefinition {
  const def: ApiDefinition = {
    name: api.name,
    kind: api.kind,
    params: api.params,
    result: api.result,
    errors: api.errors,
    doc: api.doc,
    description: api.summary,
    baselib: true,
    handler: answered,
  };
  if (api.object) def.object = { type: api.object, methods: api.methods ?? [] };
  return def;
}

export function baselibApis(): ApiDefinition[] {
  const documented = DOCUMENTED_APIS.filter((api) => BASELIB_DOCUMENTED.has(api.name)).map(fromDocs);
  for (const def of documented) {
    if (def.name === 'SDKVersion') def.result = s.string({ example: '2.9.0' });
    if (def.name === 'env') def.result = s.object({ clientName: s.string(), clientVersion: s.string(), language: s.string(), platform: s.string(), USER_DATA_PATH: s.string() });
    if (def.name === 'arrayBufferToBase64') def.result = s.string();
    if (def.name === 'createAnimation') def.object = { type: 'Animation', methods: ANIMATION_METHODS };
  }
  return [
    ...documented,
    {
      name: 'nextTick',
      kind: 'sync',
      baselib: true,
      handler: answered,
      description: 'Runs a callback once the current synchronous flow (and its setData) is done.',
    },
    {
      name: 'cloud.createCloudContext',
      kind: 'async',
      baselib: true,
      params: s.object({ env: s.string({ minLength: 1 }) }, { required: ['env'] }),
      errors: { 12: 'network error (this host has no cloud service)' },
      handler: answered,
      description: 'A cloud context for one environment: init(), callFunction, database(), uploadFile… (the Cloud global is the default one).',
    },
  ];
}
