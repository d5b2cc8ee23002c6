import type { ApiDefinition } from '../types.ts';
import { baselibApis } from './baselib.ts';
import { bluetoothApis } from './bluetooth.ts';
import { canvasApis } from './canvas.ts';
import { cloudApis } from './cloud.ts';
import { deviceApis } from './device.ts';
import { DOCUMENTED_APIS } from './docs-catalogue.ts';
import { extConfigApis } from './ext-config.ts';
import { fileApis } from './files.ts';
import { imageApis } from './images.ts';
import { intersectionApis } from './intersection.ts';
import { miniProgramApis } from './mini-programs.ts';
import { openApis } from './open.ts';
import { pickerApis } from './pickers.ts';
import { locationApis } from './location.ts';
import { mediaApis } from './media.ts';
import { requestApis } from './request.ts';
import { routeApis } from './route.ts';
import { shareApis } from './share.ts';
import { componentQueryApis } from './component-query.ts';
import { socketApis } from './socket.ts';
import { sensorsApis } from './sensors.ts';
import { storageApis } from './storage.ts';
import { systemApis } from './system.ts';
import { tabBarApis } from './tab-bar.ts';
import { transferApis } from './transfer.ts';
import { uiApis } from './ui.ts';
import { updateApis } from './updates.ts';
import { windowApis } from './window.ts';
import { unsupportedApis } from './unsupported.ts';

const DOCS = new Map(DOCUMENTED_APIS.map((api) => [api.name, api]));

/**
 * Every built-in API, in catalogue order: what mpk implements (with the documented error codes of
 * its doc merged under the hand-written ones), what the base library answers, then every other
 * documented name as not supported. Each name is declared once.
 */
export function builtinApis(): ApiDefinition[] {
  const implemented = [
    ...storageApis(),
    ...requestApis(),
    ...transferApis(),
    ...socketApis(),
    ...routeApis(),
    ...uiApis(),
    ...windowApis(),
    ...tabBarApis(),
    ...pickerApis(),
    ...mediaApis(),
    ...locationApis(),
    ...componentQueryApis(),
    ...canvasApis(),
    ...shareApis(),
    ...systemApis(),
    ...deviceApis(),
    ...fileApis(),
    ...imageApis(),
    ...openApis(),
    ...miniProgramApis(),
    ...extConfigApis(),
    ...updateApis(),
    ...cloudApis(),
    ...bluetoothApis(),
    ...sensorsApis(),
    ...intersectionApis(),
  ].map((def) => {
    const doc = DOCS.get(def.name);
    if (!doc) return def;
    return { ...def, doc: def.doc ?? doc.doc, errors: doc.errors || def.errors ? { ...doc.errors, ...def.errors } : undefined, description: def.description ?? doc.summary };
  });
  const base = baselibApis();
  const names = new Set([...implemented, ...base].map((def) => def.name));
  return [...implemented, ...base, ...unsupportedApis(names)];
}
