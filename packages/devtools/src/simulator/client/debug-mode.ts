/**
 * Debug mode in the simulator's toolbar: whether this page runs the logic layer unsandboxed in a
 * plain worker (`mpk dev --debug`, or `?debug=1` in the address, which wins), a red badge saying so
 * while it does, and the toggle that reloads the page into the other mode.
 */
import { h } from './dom.ts';

/** `?debug=1|0` in the page's address, else what `mpk dev --debug` said. */
export function debugModeOf(serverDefault: boolean | undefined): boolean {
  const param = new URLSearchParams(location.search).get('debug');
  if (param === '1' || param === 'true') return true;
  if (param === '0' || param === 'false') return false;
  return serverDefault === true;
}

/** The badge (shown only in debug mode) and the toggle button. */
export function debugModeControls(debug: boolean): HTMLElement[] {
  const badge = h(
    'span',
    {
      class: 'sim-debug-badge',
      hidden: !debug,
      title: 'The logic layer runs in a plain Web Worker without the QuickJS sandbox: no CPU deadline, no heap cap. Open the browser DevTools to set breakpoints in your files.',
    },
    '⚠ Unsandboxed',
  );
  const toggle = h(
    'button',
    {
      class: `sim-btn sim-debug${debug ? ' on' : ''}`,
      title: debug ? 'Back to the sandboxed logic layer (reloads the page)' : 'Reload with the logic layer in a plain worker, for DevTools breakpoints on your files (unsandboxed)',
      onclick: () => {
        const url = new URL(location.href);
        url.searchParams.set('debug', debug ? '0' : '1');
        location.assign(url.href);
      },
    },
    debug ? '🐞 Debug ✓' : '🐞 Debug',
  );
  return [badge, toggle];
}
