/**
 * The simulator page: an empty shell the client script fills (toolbar, phone, panels), and the
 * simulator's own styles. The mini-program renders inside a shadow root, so these styles and the
 * app's ACSS never meet.
 */

import type { CompileMode } from '../../project/compile-mode.ts';

/** The compile modes of the project and the one `mpk dev --mode` chose, for the toolbar. */
export interface SimulatorLaunchConfig {
  modes: CompileMode[];
  initial?: string;
  /** `mpk dev --debug`: start in debug mode (the page's `?debug=0|1` overrides it). */
  debug?: boolean;
}

/** `token` lets the page use the dev server's network proxy (and nothing else can); `proxyPolicy` says what it reaches. */
export function simulatorHtml(title: string, token: string, proxyPolicy = '', allowLoopback = false, launch: SimulatorLaunchConfig = { modes: [] }): string {
  // JSON in a script element: "<" escaped so no string of the project can close the element.
  const launchJson = JSON.stringify(launch).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="mpk-proxy-token" content="${escapeHtml(token)}">
<meta name="mpk-proxy-policy" content="${escapeHtml(proxyPolicy)}" data-allow-loopback="${allowLoopback}">
<title>${escapeHtml(title)} — mpk simulator</title>
<style>${SIMULATOR_CSS}</style>
</head>
<body>
<script type="application/json" id="mpk-launch">${launchJson}</script>
<div id="mpk-simulator"></div>
<script type="module" src="/client.js"></script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export const SIMULATOR_CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
[hidden] { display: none !important; }
body { font: 13px/1.4 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2329; background: #eef0f3; }
button, select, input, textarea { font: inherit; }
#mpk-simulator { display: grid; grid-template-rows: auto 1fr; height: 100%; }

.sim-toolbar { display: flex; align-items: center; gap: 10px; padding: 6px 12px; background: #fff; border-bottom: 1px solid #dcdfe4; }
.sim-toolbar .sim-brand { font-weight: 600; margin-right: 6px; }
.sim-toolbar label { display: inline-flex; align-items: center; gap: 4px; color: #555; }
.sim-toolbar input[type=number] { width: 64px; }
.sim-toolbar .sim-spacer { flex: 1; }
.sim-btn { border: 1px solid #c9cdd4; background: #fff; border-radius: 4px; padding: 2px 10px; cursor: pointer; }
.sim-btn:hover { background: #f2f3f5; }
.sim-btn:disabled { opacity: .45; cursor: default; }
.sim-errors { border-color: #f4b4ae; background: #fdecea; color: #c5221f; font-weight: 600; }
.sim-errors[hidden], .phone-error-badge[hidden] { display: none; }
.phone-error-badge { position: absolute; top: 24px; right: 6px; z-index: 30; min-width: 20px; height: 20px; padding: 0 6px; border: 0; border-radius: 10px;
  background: #d93025; color: #fff; font: 600 11px/20px system-ui, sans-serif; cursor: pointer; box-shadow: 0 1px 3px rgba(0, 0, 0, .3); }
.sim-debug-badge { padding: 2px 8px; border-radius: 4px; background: #d93025; color: #fff; font-weight: 600; white-space: nowrap; }
.sim-debug { white-space: nowrap; }
.sim-debug.on { border-color: #d93025; color: #d93025; }
.sim-build { padding: 2px 8px; border-radius: 10px; background: #f2f3f5; color: #555; white-space: nowrap; }
.sim-build.ok { background: #e8f7ee; color: #137333; }
.sim-build.error { background: #fdecea; color: #c5221f; }
.sim-build.building { background: #fff4e5; color: #9a6700; }

.sim-main { position: relative; display: grid; grid-template-columns: auto 1fr; min-height: 0; }
.sim-stage { position: relative; overflow: auto; padding: 20px 28px; display: flex; flex-direction: column; align-items: center; gap: 8px; }
.sim-status { color: #666; font-size: 12px; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }

.phone { position: relative; display: flex; flex-direction: column; background: #fff; border: 10px solid #1f2329; border-radius: 28px; overflow: hidden;
  box-shadow: 0 10px 30px rgba(0, 0, 0, .18); flex: none; }
.phone-status { height: 20px; flex: none; display: flex; align-items: center; justify-content: space-between; padding: 0 10px; font-size: 11px; font-weight: 600; }
.phone-nav { height: 44px; flex: none; position: relative; display: flex; align-items: center; justify-content: center; padding: 0 44px; }
.phone-nav .nav-back { position: absolute; left: 4px; top: 6px; width: 32px; height: 32px; border: 0; background: transparent; color: inherit; font-size: 22px; line-height: 1; cursor: pointer; }
.phone-nav .nav-title { font-size: 17px; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; display: flex; align-items: center; gap: 6px; }
.phone-nav .nav-title img { max-height: 30px; }
.phone-head { flex: none; }
.phone-screen-wrap { position: relative; flex: 1; min-height: 0; overflow: hidden; }
.phone-screen { position: absolute; inset: 0; }
.phone-pull { position: absolute; left: 0; right: 0; top: 0; height: 0; overflow: hidden; display: flex; align-items: center; justify-content: center;
  color: #888; font-size: 12px; background: #f5f5f5; z-index: 1; transition: height .15s; }
.phone-pull.active { height: 44px; }
.phone-tabbar { flex: none; height: 50px; display: flex; border-top: 1px solid #e5e6eb; }
.phone-tabbar[hidden] { display: none; }
.phone-cutout { position: absolute; z-index: 7; background: #000; pointer-events: none; }
.phone-cutout.notch { top: 0; left: 50%; width: 160px; height: 30px; margin-left: -80px; border-radius: 0 0 18px 18px; }
.phone-cutout.notch.side { top: 50%; left: 0; width: 30px; height: 160px; margin: -80px 0 0; border-radius: 0 18px 18px 0; }
.phone-cutout.hole { top: 6px; left: 50%; width: 12px; height: 12px; margin-left: -6px; border-radius: 50%; }
.phone-cutout.hole.side { top: 50%; left: 6px; margin: -6px 0 0; }
.phone-home-indicator { position: absolute; z-index: 6; left: 0; right: 0; bottom: 0; pointer-events: none; display: flex; align-items: flex-end; justify-content: center; }
.phone-home-indicator::after { content: ""; width: 134px; height: 5px; margin-bottom: 8px; border-radius: 3px; background: #111; opacity: .85; }
.tab-item { flex: 1; border: 0; background: transparent; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 2px; font-size: 11px; cursor: pointer; }
.tab-item img { width: 24px; height: 24px; }
.tab-item.selected { font-weight: 600; }
.phone-message { position: absolute; inset: 0; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 10px; padding: 24px;
  text-align: center; color: #666; background: #fafafa; z-index: 2; }
.phone-message[hidden] { display: none; }

.phone-overlay { position: absolute; inset: 0; pointer-events: none; z-index: 5; }
.ui-mask { position: absolute; inset: 0; background: rgba(0, 0, 0, .45); pointer-events: auto; display: flex; align-items: center; justify-content: center; }
.ui-mask.clear { background: transparent; }
.ui-mask.bottom { align-items: flex-end; }
.ui-toast { position: absolute; left: 50%; top: 45%; transform: translate(-50%, -50%); max-width: 70%; padding: 12px 18px; border-radius: 8px;
  background: rgba(0, 0, 0, .75); color: #fff; text-align: center; pointer-events: none; z-index: 6; }
.ui-toast .ui-toast-icon { display: block; font-size: 28px; line-height: 1.2; }
.ui-dialog { width: 78%; background: #fff; border-radius: 10px; overflow: hidden; text-align: center; }
.ui-dialog-body { padding: 18px 16px 14px; }
.ui-dialog-title { font-size: 16px; font-weight: 600; margin-bottom: 6px; }
.ui-dialog-content { color: #555; word-break: break-word; white-space: pre-wrap; }
.ui-dialog input { width: 100%; margin-top: 10px; padding: 6px 8px; border: 1px solid #d0d3d9; border-radius: 4px; }
.ui-dialog-buttons { display: flex; border-top: 1px solid #eee; }
.ui-dialog-buttons button { flex: 1; padding: 11px 0; border: 0; background: #fff; font-size: 15px; cursor: pointer; }
.ui-dialog-buttons button + button { border-left: 1px solid #eee; }
.ui-dialog-buttons .primary { color: #1677ff; font-weight: 600; }
.ui-sheet { width: 100%; background: #f5f5f5; }
.ui-sheet-title { padding: 12px; text-align: center; color: #888; background: #fff; border-bottom: 1px solid #eee; }
.ui-sheet button { display: block; width: 100%; padding: 13px 0; border: 0; border-bottom: 1px solid #eee; background: #fff; font-size: 15px; cursor: pointer; }
.ui-sheet .ui-sheet-cancel { margin-top: 6px; border-bottom: 0; }
.ui-spinner { display: inline-block; width: 14px; height: 14px; border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%;
  animation: sim-spin .8s linear infinite; vertical-align: middle; }
.ui-toast .ui-spinner { width: 26px; height: 26px; margin-bottom: 6px; }
@keyframes sim-spin { to { transform: rotate(360deg); } }
.phone.vibrate { animation: sim-vibrate .1s linear 3; }
@keyframes sim-vibrate { 25% { transform: translateX(-2px); } 75% { transform: translateX(2px); } }

/* ?preview=1 (mpk dev --host): only the phone, filling the viewport, without its frame. */
.sim-preview .sim-toolbar, .sim-preview .sim-panels, .sim-preview .sim-status, .sim-preview .phone-error-badge { display: none !important; }
.sim-preview #mpk-simulator { grid-template-rows: 1fr; }
.sim-preview .sim-main { grid-template-columns: 1fr; }
.sim-preview .sim-stage { padding: 0; overflow: hidden; }
.sim-preview .phone { width: 100vw !important; height: 100vh !important; border: 0; border-radius: 0; box-shadow: none; zoom: 1 !important; }
.sim-modal { position: fixed; inset: 0; z-index: 40; display: flex; align-items: center; justify-content: center; background: rgba(0, 0, 0, .35); }
.mode-form { width: 420px; max-height: 90vh; overflow: auto; padding: 14px 16px; background: #fff; border-radius: 8px; box-shadow: 0 10px 30px rgba(0, 0, 0, .25); display: flex; flex-direction: column; gap: 8px; }
.mode-form h3 { margin: 0 0 4px; font-size: 15px; }
.mode-form fieldset { border: 1px solid #e5e6eb; border-radius: 4px; display: flex; flex-direction: column; gap: 8px; }
.mode-field { display: grid; grid-template-columns: 110px 1fr; align-items: center; gap: 4px 8px; }
.mode-field input, .mode-field textarea { width: 100%; padding: 3px 6px; border: 1px solid #c9cdd4; border-radius: 4px; }
.mode-field-error, .mode-form-error { grid-column: 2; color: #c5221f; font-size: 12px; }
.mode-buttons { display: flex; justify-content: flex-end; gap: 8px; }
.sim-btn.primary { background: #1677ff; border-color: #1677ff; color: #fff; }
.sim-overlay { position: absolute; inset: 0; z-index: 20; overflow: auto; padding: 20px; background: rgba(30, 30, 30, .92); color: #f5f5f5; }
.sim-overlay[hidden] { display: none; }
.sim-overlay h2 { margin: 0 0 12px; color: #ff8a80; font-size: 16px; }
.sim-overlay .diag { margin-bottom: 16px; }
.sim-overlay .diag-head { font-family: ui-monospace, Menlo, Consolas, monospace; color: #ffcc80; white-space: pre-wrap; }
.sim-overlay .diag-head .error { color: #ff8a80; }
.sim-overlay pre { margin: 6px 0 0; padding: 8px 10px; background: #111; border-radius: 4px; overflow: auto; font: 12px/1.45 ui-monospace, Menlo, Consolas, monospace; }
.sim-overlay pre .wide { display: inline-block; width: 2ch; text-align: center; }

.sim-panels { display: flex; flex-direction: column; min-width: 0; min-height: 0; background: #fff; border-left: 1px solid #dcdfe4; }
.sim-tabs { display: flex; border-bottom: 1px solid #dcdfe4; background: #f7f8fa; flex: none; }
.sim-tab { border: 0; border-bottom: 2px solid transparent; background: transparent; padding: 7px 14px; cursor: pointer; color: #555; }
.sim-tab.active { border-bottom-color: #1677ff; color: #1677ff; background: #fff; }
.sim-tab .badge { margin-left: 4px; padding: 0 5px; border-radius: 8px; background: #fdecea; color: #c5221f; font-size: 11px; }
.sim-panel { flex: 1; min-height: 0; display: flex; flex-direction: column; }
.sim-panel[hidden] { display: none; }
.panel-bar { display: flex; align-items: center; gap: 8px; padding: 5px 8px; border-bottom: 1px solid #eee; flex: none; flex-wrap: wrap; }
.panel-bar .grow { flex: 1; }
.panel-body { flex: 1; min-height: 0; overflow: auto; }
.panel-split { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(160px, 30%) 1fr; }
.panel-split > * { min-height: 0; overflow: auto; }
.panel-split > :first-child { border-right: 1px solid #eee; }
.muted { color: #888; }
.mono { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
table.grid { width: 100%; border-collapse: collapse; }
table.grid th, table.grid td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #f0f0f0; vertical-align: top; }
table.grid th { position: sticky; top: 0; background: #fafafa; font-weight: 600; color: #555; z-index: 1; }
table.grid tr.selected td { background: #e8f0fe; }
table.grid tr.clickable { cursor: pointer; }
table.grid td.num { text-align: right; white-space: nowrap; }
table.grid td.url { word-break: break-all; }
.row-warn td { background: #fff8e1; }
.row-error td { background: #fdecea; }
.tag { display: inline-block; padding: 0 6px; border-radius: 3px; background: #f0f0f0; font-size: 11px; }
.tag.warn { background: #ffe7a3; color: #7a5200; }
.tag.error { background: #f8c4c0; color: #8a1c14; }
.log-line { display: flex; gap: 8px; padding: 3px 8px; border-bottom: 1px solid #f3f3f3; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; white-space: pre-wrap; word-break: break-word; }
.log-line .log-time { color: #aaa; flex: none; }
.log-line .log-level { flex: none; width: 40px; color: #888; }
.log-line.warn { background: #fffbe6; color: #7a5200; }
.log-line.error { background: #fff0f0; color: #b3261e; }
.log-line.debug { color: #888; }
.log-line .log-obj { color: #1a5fb4; cursor: pointer; }
.log-line .log-stack { display: block; color: #999; }
.log-line.input .log-level, .log-line.result .log-level { color: #1677ff; font-weight: 600; }
.console-prompt { flex: none; display: flex; align-items: flex-start; gap: 6px; padding: 4px 8px; border-top: 1px solid #dcdfe4; }
.console-caret { color: #1677ff; font-weight: 600; line-height: 18px; }
.console-input { flex: 1; border: 0; outline: none; resize: none; padding: 0; background: transparent; line-height: 18px; }
.tree-item { padding: 3px 8px; cursor: pointer; white-space: nowrap; }
.tree-item:hover { background: #f5f7fa; }
.tree-item.selected { background: #e8f0fe; }
.data-editor { display: flex; flex-direction: column; height: 100%; }
.data-editor textarea { flex: 1; min-height: 160px; width: 100%; border: 0; border-top: 1px solid #eee; padding: 8px; resize: none; font: 12px/1.45 ui-monospace, Menlo, Consolas, monospace; }
.data-editor .props { padding: 6px 8px; border-top: 1px solid #eee; max-height: 30%; overflow: auto; white-space: pre-wrap; }
.data-status { padding: 4px 8px; }
.data-status.error { color: #b3261e; }
.details { border-top: 1px solid #ddd; max-height: 40%; overflow: auto; padding: 6px 8px; white-space: pre-wrap; word-break: break-all; flex: none; }
.details[hidden] { display: none; }
td textarea { width: 100%; min-height: 60px; font: 12px ui-monospace, Menlo, Consolas, monospace; }
.elements-split { grid-template-columns: minmax(200px, 40%) 1fr; }
.el-row { padding-top: 1px; padding-bottom: 1px; }
.el-tag { color: #881280; }
.el-selector { color: #1a1aa6; }
.el-text-node { color: #555; }
.el-row .tag { margin-left: 6px; }
.elements-pick.active { background: #1677ff; color: #fff; border-color: #1677ff; }
.elements-details { padding: 0 0 12px; }
.el-heading { padding: 6px 8px; font-weight: 600; border-bottom: 1px solid #eee; }
.el-section { padding: 4px 8px 6px; border-bottom: 1px solid #f0f0f0; }
.el-section-title { font-weight: 600; color: #555; margin-bottom: 3px; }
.el-section pre { margin: 0; white-space: pre-wrap; word-break: break-word; }
.el-section table.grid td { padding: 1px 6px; }
.el-style-value { width: 100%; border: 1px solid transparent; padding: 0 2px; font: inherit; background: transparent; }
.el-style-value:hover, .el-style-value:focus { border-color: #c0c4cc; background: #fff; }
.el-style-source { color: #888; word-break: break-all; }
.el-style-source .el-file { color: #1a5fb4; }
.el-add-style { width: 100%; margin-top: 4px; padding: 2px 4px; border: 1px dashed #c0c4cc; }
.el-rules { margin-top: 6px; }
.el-rule { margin-top: 4px; white-space: pre-wrap; }
.el-rule-selector { color: #881280; }
.el-decl.overridden { text-decoration: line-through; color: #999; }
.box-model { display: flex; justify-content: center; padding: 4px 0; text-align: center; }
.box-ring { position: relative; display: flex; flex-direction: column; align-items: center; padding: 2px 6px; border: 1px dashed #999; }
.box-margin { background: #f9cc9d; }
.box-border { background: #fddd9b; border-style: solid; border-color: #000; }
.box-padding { background: #c3d08b; }
.box-content { background: #8cb6c0; padding: 4px 10px; border: 1px solid #777; }
.box-middle { display: flex; align-items: center; gap: 6px; }
.box-name { position: absolute; left: 4px; top: 1px; font-size: 10px; color: #555; }
.inspect-highlight { position: fixed; z-index: 1000; pointer-events: none; background: rgba(246, 178, 107, .45); outline: 1px dashed rgba(180, 90, 0, .8); }
.inspect-highlight[hidden] { display: none; }
.inspect-padding { position: absolute; background: rgba(147, 196, 125, .55); }
.inspect-content { position: absolute; background: rgba(111, 168, 220, .66); }
.inspect-label { position: absolute; left: 0; bottom: 100%; margin-bottom: 2px; padding: 1px 5px; border-radius: 3px; background: #333; color: #fff; white-space: nowrap; font-size: 11px; }
.inspect-label.below { bottom: auto; top: 100%; margin: 2px 0 0; }
.inspect-picking { cursor: crosshair; }
`;
