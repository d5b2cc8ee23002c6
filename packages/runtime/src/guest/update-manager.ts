/**
 * `my.getUpdateManager()` (docs: 基础API/更新管理): the one UpdateManager of the mini-program, built
 * here when the host has an update service. `onCheckForUpdate` / `onUpdateReady` / `onUpdateFailed`
 * add listeners of the host events `UpdateManager.CheckForUpdate` (`{ hasUpdate }`),
 * `UpdateManager.UpdateReady` and `UpdateManager.UpdateFailed`; `applyUpdate()` is one invoke of
 * the host's internal `UpdateManager.applyUpdate` (the host restarts the app on its new version).
 */
import { invokeAsync } from './my.ts';
import { hostEvents } from './state.ts';

let manager: Record<string, unknown> | undefined;

export function updateManager(): Record<string, unknown> {
  if (manager) return manager;
  const listen = (event: string) => (listener: unknown) => {
    if (typeof listener === 'function') hostEvents.add(`UpdateManager.${event}`, listener);
  };
  manager = {
    onCheckForUpdate: listen('CheckForUpdate'),
    onUpdateReady: listen('UpdateReady'),
    onUpdateFailed: listen('UpdateFailed'),
    applyUpdate: (options?: unknown) => invokeAsync('UpdateManager.applyUpdate', options).promise,
  };
  return manager;
}
