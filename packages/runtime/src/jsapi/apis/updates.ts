/**
 * The update manager (docs: 基础API/更新管理/my.getUpdateManager, UpdateManager.*): the one
 * UpdateManager of the mini-program, built by the base library. Its listeners hear the host's
 * update service through host events — `UpdateManager.CheckForUpdate` (`{ hasUpdate }`),
 * `UpdateManager.UpdateReady`, `UpdateManager.UpdateFailed` (the container's `emitHostEvent`, the
 * harness's `app.checkForUpdate()` / `app.updateReady()` / `app.updateFailed()`) — and
 * `applyUpdate()` is one internal `UpdateManager.applyUpdate` invoke answered by `host.updates`,
 * which restarts the app on its new version. Without `host.updates` my.getUpdateManager is not
 * supported: an inert UpdateManager, canIUse false.
 */

import { defineApi } from '../define.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import type { ApiDefinition } from '../types.ts';

export const UPDATE_MANAGER_METHODS = ['applyUpdate', 'onCheckForUpdate', 'onUpdateFailed', 'onUpdateReady'] as const;

/** The host events the UpdateManager's listeners hear. */
export const UPDATE_EVENTS = { checkForUpdate: 'UpdateManager.CheckForUpdate', updateReady: 'UpdateManager.UpdateReady', updateFailed: 'UpdateManager.UpdateFailed' } as const;

export function updateApis(): ApiDefinition[] {
  return [
    defineApi({
      name: 'getUpdateManager',
      kind: 'sync',
      available: (host) => host.updates !== undefined,
      object: { type: 'UpdateManager', methods: [...UPDATE_MANAGER_METHODS] },
      handler: () => ({}),
      description: 'The one UpdateManager (built by the base library: listeners hear host.updates through host events, applyUpdate restarts the app).',
    }),
    defineApi({
      name: 'UpdateManager.applyUpdate',
      kind: 'async',
      internal: true,
      handler: async (_args, ctx) => {
        if (!ctx.host.updates) throw new ApiFailure(ErrorCode.NOT_SUPPORTED, 'UpdateManager.applyUpdate: not supported on this host (no update service)');
        await ctx.host.updates.applyUpdate(ctx.hostContext());
        return {};
      },
      description: 'Restarts the mini-program on its new version (host.updates.applyUpdate).',
      doc: '基础API/更新管理/UpdateManager/UpdateManager.applyUpdate.md',
    }),
  ];
}
