import type { ApiDefinition } from '../types.ts';
import { deviceApis } from './device.ts';
import { openApis } from './open.ts';
import { requestApis } from './request.ts';
import { routeApis } from './route.ts';
import { shareApis } from './share.ts';
import { componentQueryApis } from './component-query.ts';
import { socketApis } from './socket.ts';
import { storageApis } from './storage.ts';
import { systemApis } from './system.ts';
import { transferApis } from './transfer.ts';
import { uiApis } from './ui.ts';

/** Every built-in API, in catalogue order. */
export function builtinApis(): ApiDefinition[] {
  return [
    ...storageApis(),
    ...requestApis(),
    ...transferApis(),
    ...socketApis(),
    ...routeApis(),
    ...uiApis(),
    ...componentQueryApis(),
    ...shareApis(),
    ...systemApis(),
    ...deviceApis(),
    ...openApis(),
  ];
}
