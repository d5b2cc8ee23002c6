/**
 * Permission scopes: denied unless the host granted them. A scope in state `prompt` asks the
 * host's UI (`ui.authorize`) the first time an API needs it; "allow" is remembered for the life of
 * the registry, "deny" is not (docs: the prompt shows again on the next call — error 2001).
 */

import type { AppConfig } from '../contract/package-format.ts';
import type { HostContext } from '../adapters/context.ts';
import type { UiAdapter } from '../adapters/ui.ts';
import { ApiFailure, ErrorCode } from './errors.ts';
import type { PermissionState } from './types.ts';

/** app.json `permission` keys for scopes that have one (their `desc` is shown in the prompt). */
const APP_PERMISSION_KEY: Record<string, string> = {
  location: 'scope.userLocation',
  album: 'scope.album',
  writePhotosAlbum: 'scope.writePhotosAlbum',
  camera: 'scope.camera',
  record: 'scope.record',
};

/**
 * Scopes whose APIs document the 2001 family (docs: my.getLocation, my.chooseImage, my.openBluetoothAdapter,
 * my.getClipboard): 2001 the user refused in the prompt, 2002 refused before with "don't ask
 * again" so the call fails without a prompt.
 */
const USER_AUTHORISED_SCOPES = new Set(['location', 'album', 'writePhotosAlbum', 'camera', 'record', 'bluetooth', 'clipboard', 'userInfo', 'phoneNumber', 'aliaddress', 'alipaysports']);

export type AuthorizeOutcome = 'granted' | 'refused' | 'denied';

export class Permissions {
  private readonly states = new Map<string, PermissionState>();
  /** Answers given in prompts during this session (for getSetting). */
  private readonly answered = new Map<string, boolean>();

  constructor(
    initial: Record<string, PermissionState>,
    private readonly ui: UiAdapter,
    private readonly app: AppConfig,
  ) {
    for (const [scope, state] of Object.entries(initial)) {
      if (state !== 'granted' && state !== 'denied' && state !== 'prompt') {
        throw new Error(`host.permissions["${scope}"] is ${JSON.stringify(state)}: use "granted", "denied" or "prompt"`);
      }
      this.states.set(scope, state);
    }
  }

  state(scope: string): PermissionState {
    return this.states.get(scope) ?? 'denied';
  }

  /** Resolves whether `api` may use `scope`, prompting when the state is `prompt`. */
  async authorize(scope: string, api: string, context: HostContext): Promise<AuthorizeOutcome> {
    const state = this.state(scope);
    if (state === 'granted') return 'granted';
    if (state === 'denied') return 'denied';
    const desc = this.app.permission?.[APP_PERMISSION_KEY[scope] ?? `scope.${scope}`]?.desc;
    let allowed = false;
    try {
      allowed = (await this.ui.authorize({ scope, api, desc }, context)) === true;
    } catch {
      allowed = false;
    }
    this.answered.set(scope, allowed);
    if (allowed) this.states.set(scope, 'granted');
    return allowed ? 'granted' : 'refused';
  }

  /** Synchronous check for sync APIs: a scope that would need a prompt counts as denied. */
  authorizeSync(scope: string): AuthorizeOutcome {
    const state = this.state(scope);
    return state === 'granted' ? 'granted' : 'denied';
  }

  /** `authSetting` of my.getSetting: scopes decided by the host or answered by the user. */
  authSetting(): Record<string, boolean> {
    const setting: Record<string, boolean> = {};
    for (const [scope, state] of this.states) {
      if (state === 'granted') setting[scope] = true;
      else if (state === 'denied') setting[scope] = false;
      else if (this.answered.has(scope)) setting[scope] = this.answered.get(scope)!;
    }
    return setting;
  }

  /** Applies what the user switched on the settings page (my.openSetting). */
  applySetting(setting: Record<string, unknown>): void {
    for (const [scope, value] of Object.entries(setting)) {
      if (typeof value !== 'boolean') continue;
      this.states.set(scope, value ? 'granted' : 'denied');
      this.answered.set(scope, value);
    }
  }
}

/** The documented failure of an API whose scope was not granted. */
export function permissionFailure(api: string, scope: string, outcome: Exclude<AuthorizeOutcome, 'granted'>): ApiFailure {
  if (USER_AUTHORISED_SCOPES.has(scope)) {
    return outcome === 'refused'
      ? new ApiFailure(2001, `${api}: the user refused to authorise "${scope}"`)
      : new ApiFailure(2002, `${api}: "${scope}" is not authorised (denied by the user or the host)`);
  }
  return new ApiFailure(ErrorCode.NO_PERMISSION, `${api}: no permission to use "${scope}"`);
}
