export { createQuickJsTransport, type QuickJsTransport, type QuickJsTransportOptions } from './quickjs.ts';
export { createVmTransport, type VmTransport, type VmTransportOptions } from './vm.ts';
export type { SandboxLimits } from '../../sandbox/limits.ts';
