/**
 * @mpk/runtime — the container a host embeds to run mini-program packages.
 * Node hosts: `createContainer({ pkg: 'path/to/dist', renderer: new HeadlessRenderer() })`.
 * Browser hosts: `createContainer({ pkg: await loadPackageFromUrl(url), renderer: new DomRenderer(el) })`.
 */

export { createContainer, Container, SDK_VERSION } from './container/container.ts';
export type { ContainerOptions, ContainerEvents, ContainerError, LaunchRequest, PageInfo, BridgeTraffic } from './container/container.ts';
export type { DevEvaluation } from './container/dev-evaluate.ts';
export type { ShareInfo, ShareFrom } from './container/shares.ts';
export type { ShareRequest, ShareOutcome } from './adapters/ui.ts';
export type { RouteOp } from './container/router.ts';
export { IdleTimeoutError, resolveIdleBudget, DEFAULT_IDLE_BUDGET } from './container/idle.ts';
export { createContainerPool } from './container/pool.ts';
export type { ContainerPool, ContainerPoolOptions, ContainerPoolStats, PooledContainerOptions } from './container/pool.ts';
export type { IdleBudget, BusyActivity } from './container/idle.ts';
export { parseQuery, resolvePageUrl } from './container/url.ts';

export { packageFromFiles, loadPackageFromUrl } from './package/memory-source.ts';
export { PackageError, validateManifest, verifyFile, sha256Hex } from './package/verify.ts';
export { packagePathProblem, DEFAULT_PACKAGE_READ_LIMITS, SIGNATURE_FILE, type PackageReadLimits } from './package/paths.ts';
export {
  verifyPackageSignature,
  resolveTrustedKeys,
  parseSignature,
  canonicalJson,
  signedBytes,
  keyIdOf,
  rawPublicKey,
  SIGNATURE_CONTEXT,
  type TrustOptions,
  type TrustedKey,
  type PublicKeyInput,
  type PackageSignature,
} from './package/signature.ts';
export { AppIdInUseError } from './container/admission.ts';
export * from './contract/package-format.ts';

export * from './contract/protocol.ts';
export type { Renderer, RendererEvents, RenderOp, NodeId, SelectorQueryRequest } from './contract/renderer.ts';
export { Op } from './contract/renderer.ts';
export type { VNode, VElement, VText, VSlot, EventBinding, RenderFunction, ViewModule } from './contract/view-abi.ts';

export { HeadlessRenderer } from './renderers/headless/index.ts';
export { RingLog } from './adapters/ring-log.ts';
export { createHeadlessMedia, createBrowserMedia, createHeadlessMaps } from './adapters/index.ts';
export type {
  MediaAdapter, AudioPlayer, AudioSink, AudioEvent, AudioState, AudioSettings, Recorder, RecorderSink, RecordOptions, Recording, HeadlessMedia, HeadlessMediaScript,
  HeadlessAudio, MapsAdapter, ChooseLocationRequest, ChosenLocation, OpenLocationRequest, HeadlessMaps, HeadlessMapsAnswers,
} from './adapters/index.ts';
export type { VideoState } from './renderers/headless/video.ts';
export type { MapModel, MapMarker, LatLng } from './renderers/map-model.ts';
export type { ComponentCall, ComponentAnswer } from './contract/renderer.ts';
export type { HeadlessNode } from './renderers/headless/index.ts';
export type { CanvasRecording } from './renderers/headless/index.ts';
export { CANVAS_LIMITS, CanvasWarning, estimateTextWidth, type CanvasCall, type CanvasDraw, type CanvasTarget, type CanvasValue } from './contract/canvas.ts';
export { ViewEngine } from './view/engine.ts';
export type { InstanceInfo, ElementInfo } from './view/engine.ts';
export { loadViewForm, ViewFormError } from './view/form/load.ts';

export { realClock, ManualClock, createStackMapper, getBaseLibrarySource, type Clock, type SandboxLimits, type StackMapper } from './sandbox/index.ts';
export { createQuickJsTransport, createVmTransport } from './bridge/transports/index.ts';
export { createWorkerTransport } from './bridge/transports/worker.ts';
export type { WorkerTransport, WorkerTransportOptions, WorkerLike } from './bridge/transports/worker.ts';

export {
  createJsapi,
  ApiFailure,
  ErrorCode,
  defineApi,
  defineEvent,
  s,
  builtinApis,
  generateApiTypes,
  createApiMocks,
  createMemoryStorage,
  createLocalStorage,
  createFileStorage,
  createHeadlessUi,
  createHeadlessPayment,
  createHeadlessAuth,
  createFixedLocation,
  createMemoryClipboard,
  createMemoryFileStore,
  createDiskFileStore,
  FileStoreError,
  createMemoryCloud,
  notSupported,
  DOCUMENTED_APIS,
} from './jsapi/index.ts';
export { AddressRefusedError, addressKind, addressRefusal, inCidr, isLoopbackHost, domainAllowed } from './adapters/index.ts';
export { createHeadlessWallet, createHeadlessMiniPrograms } from './adapters/index.ts';
export { createHeadlessPickers, createHeadlessUpdates, formatPickerDate } from './adapters/index.ts';
export type {
  PickerAdapter, HeadlessPickers, HeadlessPickerAnswers, PickerCall, DatePickerRequest, MultiLevelSelectRequest, OptionsSelectRequest, OptionsSelectAnswer,
  RegionPickerRequest, RegionAnswer, ChooseCityRequest, CityAnswer, LocatedCity, CityPickerSession, PreviewImageRequest, UpdateAdapter, HeadlessUpdates,
} from './adapters/index.ts';
export { createSimulatedBluetooth, BluetoothError, createSimulatedSensors, createSimulatedScreen, createScriptedScanner } from './adapters/index.ts';
export type {
  BluetoothAdapter, BluetoothEvents, BluetoothDeviceInfo, BleServiceInfo, BleCharacteristicInfo, BleTarget, SimulatedBluetooth, SimulatedPeripheral,
  SimulatedPeripheralSpec, SensorsAdapter, SensorKind, SensorReading, ScreenAdapter, ScannerAdapter, ScanRequest, ScanResult, ScanAnswer,
  SimulatedSensors, SimulatedScreen, ScriptedScanner,
} from './adapters/index.ts';
export type { WalletAdapter, WalletPage, WalletRequest, HeadlessWallet, MiniProgramAdapter, MiniProgramJump, HeadlessMiniPrograms, HeadlessPayment } from './adapters/index.ts';
export { createAppStack, AppStack, SCENE_OPENED_BY_MINI_PROGRAM, SCENE_BACK_FROM_MINI_PROGRAM } from './container/app-stack.ts';
export type { AppStackOptions, AppStackEntry, AppStackEvents } from './container/app-stack.ts';
export type { AddressKind, AddressPolicy, Resolver, NetworkOptions, NetworkType } from './adapters/index.ts';
export type {
  HostOptions,
  ApiDefinition,
  HostApiDefinition,
  ApiCallContext,
  ContainerServices,
  Schema,
  ObjectSchema,
  StorageBackend,
  FileStore,
  FileStat,
  DiskFileStore,
  MemoryFileStore,
  UiAdapter,
  HeadlessUi,
  HeadlessUiAnswers,
  UiCall,
  ApiMocks,
  MockCall,
  AuthAdapter,
  HeadlessAuthOptions,
  CloudAdapter,
  CloudRequest,
  MemoryCloud,
  DocumentedApi,
} from './jsapi/index.ts';
