// Builds the checkout's base library ahead (the workspace's postinstall runs this), so no process
// bundles it at run time: writes packages/runtime/.mpk-cache/baselib.json with the hash of its
// inputs; a run that finds an input changed rebuilds it once itself. Run: node --import tsx packages/runtime/scripts/workspace-baselib.ts
import { fileURLToPath } from 'node:url';
import { loadWorkspaceBaseLibrary, WORKSPACE_BASELIB } from '../src/sandbox/baselib-source.ts';

const { code, built } = await loadWorkspaceBaseLibrary(WORKSPACE_BASELIB);
console.log(`mpk base library: ${fileURLToPath(WORKSPACE_BASELIB)} ${built ? 'built' : 'up to date'} (${(code.length / 1024).toFixed(1)} KB)`);
