/**
 * The rest of the platform's catalogue: every documented `my.*` name (apis/docs-catalogue.ts) that
 * mpk does not implement is still declared — kind, schemas, permission scope and error codes from
 * its doc — and answers the platform's "not supported" error, with `my.canIUse(name)` false, rather
 * than being missing from `my` ("not a function").
 *
 * The code: 1 (`ErrorCode.NOT_SUPPORTED`), the docs' answer where an environment lacks the
 * capability ("IDE 不支持调用该 API" for Bluetooth, "… does not support!" for my.setTabBarItem), except
 * in families that document their own code for it: Wi-Fi 12001 (当前系统不支持相关能力), iBeacon 11000
 * (unsupport), my.enableAlertBeforeUnload/disableAlertBeforeUnload 9 (client not support), my.showBLEPermissionGuide
 * 60010 (do not support ble!). Sync APIs throw it; event APIs keep their listeners and never call
 * them; managers and contexts return an inert object of the documented shape.
 */

import type { ApiError } from '../../contract/protocol.ts';
import { ApiFailure, notSupported } from '../errors.ts';
import type { ApiDefinition } from '../types.ts';
import { DOCUMENTED_APIS, type DocumentedApi } from './docs-catalogue.ts';

interface Family {
  /** Doc folder prefix (under mini/api) or exact API names. */
  docs?: readonly string[];
  names?: readonly string[];
  /** Permission scope the family's APIs need on the platform. */
  scope?: string;
  /** The family's own "not supported" code and message (from its docs). */
  error?: number;
  message?: string;
}

const FAMILIES: readonly Family[] = [
  { names: ['showBLEPermissionGuide'], error: 60010, message: 'do not support ble!' },
  { docs: ['基础API/设备/蓝牙/iBeacon'], scope: 'location', error: 11000, message: 'unsupport' },
  { docs: ['基础API/设备/蓝牙'], scope: 'bluetooth', message: 'IDE 不支持调用该 API (this host has no Bluetooth)' },
  { docs: ['基础API/设备/Wi-Fi'], error: 12001, message: '当前系统不支持相关能力 (this host has no Wi-Fi)' },
  { names: ['enableAlertBeforeUnload', 'disableAlertBeforeUnload'], error: 9 },
  { names: ['scan', 'createCameraContext', 'chooseVideo'], scope: 'camera' },
  { names: ['saveImage', 'saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum'], scope: 'writePhotosAlbum' },
  { names: ['chooseContact', 'chooseAlipayContact', 'choosePhoneContact', 'addPhoneContact'], scope: 'contact' },
];

function familyOf(api: DocumentedApi): Family | undefined {
  return FAMILIES.find((f) => f.names?.includes(api.name) || f.docs?.some((prefix) => api.doc.startsWith(`${prefix}/`)));
}

/** Methods the docs describe in prose rather than in a table (the chainable Animation builder). */
const EXTRA_METHODS: Record<string, readonly string[]> = {
  createAnimation: [
    'opacity', 'backgroundColor', 'width', 'height', 'top', 'left', 'bottom', 'right',
    'rotate', 'rotateX', 'rotateY', 'rotateZ', 'rotate3d', 'scale', 'scaleX', 'scaleY', 'scaleZ', 'scale3d',
    'translate', 'translateX', 'translateY', 'translateZ', 'translate3d', 'skew', 'skewX', 'skewY',
    'matrix', 'matrix3d', 'step', 'export',
  ],
  getBackgroundAudioManager: ['onNext', 'onPrev'],
};


/** The not-supported answer of a documented API. */
export function unsupportedError(api: DocumentedApi): ApiError {
  const family = familyOf(api);
  const reason = family?.message ?? (family?.error === 9 ? `client not support ${api.name}` : undefined);
  return notSupported(api.name, family?.error, reason ? `${api.name}: ${reason} — not supported on this host (canIUse is false)` : undefined);
}

/** The declaration of a documented API mpk does not implement. */
export function unsupportedApi(api: DocumentedApi): ApiDefinition {
  const error = unsupportedError(api);
  const family = familyOf(api);
  const def: ApiDefinition = {
    name: api.name,
    kind: api.kind === 'property' ? 'sync' : api.kind,
    params: api.params,
    result: api.result,
    errors: { ...api.errors, [error.error]: error.errorMessage.replace(`${api.name}: `, '') },
    unsupported: error,
    doc: api.doc,
    description: api.summary ? `${api.summary} (not supported by this host)` : undefined,
    handler: () => {
      throw new ApiFailure(error.error, error.errorMessage);
    },
  };
  if (family?.scope) def.scope = family.scope;
  if (api.object) def.object = { type: api.object, methods: [...new Set([...(api.methods ?? []), ...(EXTRA_METHODS[api.name] ?? [])])].sort() };
  return def;
}

/** Declarations for every documented name that `implemented` (names with a handler or provided by the base library) lacks. */
export function unsupportedApis(implemented: ReadonlySet<string>): ApiDefinition[] {
  return DOCUMENTED_APIS.filter((api) => !implemented.has(api.name)).map(unsupportedApi);
}

export { DOCUMENTED_APIS };
