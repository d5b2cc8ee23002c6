/**
 * Host adapters: the capabilities a host gives mini-programs, with headless defaults that record
 * what was asked. Everything here loads in browsers too (Node built-ins are reached lazily).
 */

export type { HostContext, MaybePromise } from './context.ts';
export * from './storage/index.ts';
export { createHeadlessUi, ONE_PIXEL_PNG } from './ui.ts';
export type { UiAdapter, HeadlessUi, HeadlessUiAnswers, UiCall, ChosenImage, AuthorizeRequest, SubscribeAnswer, TabBarRequest, WindowRequest, FontFaceRequest, HeadlessWindowState } from './ui.ts';
export { createMemoryFileStore, tempFilePath, savedFilePath, parseLocalPath, localPathProblem, FileStoreError, USER_DATA_PATH, TEMP_ROOT, SAVED_ROOT } from './files.ts';
export type { FileStore, MemoryFileStore, FileStoreOptions, FileStat, FileUsage, FileErrorCode, LocalPath } from './files.ts';
export { createDiskFileStore } from './disk-files.ts';
export type { DiskFileStore } from './disk-files.ts';
export { defaultWebSocketFactory, domainAllowed, isLoopbackHost, AddressRefusedError, resolveChecked } from './network.ts';
export type { NetworkOptions, NetworkType, WebSocketFactory, WebSocketLike, Resolver } from './network.ts';
export { addressKind, addressRefusal, inCidr } from './addresses.ts';
export type { AddressKind, AddressPolicy } from './addresses.ts';
export { createFixedLocation, createMemoryClipboard, resolveSystemInfo } from './device.ts';
export type { LocationAdapter, LocationFix, LocationRequest, ClipboardAdapter, SystemInfo } from './device.ts';
export { createHeadlessPayment, createHeadlessAuth, createHeadlessWallet } from './open.ts';
export type { WalletAdapter, WalletPage, WalletRequest, HeadlessWallet } from './open.ts';
export { createHeadlessMiniPrograms } from './mini-programs.ts';
export type { MiniProgramAdapter, MiniProgramJump, HeadlessMiniPrograms } from './mini-programs.ts';
export type { PaymentAdapter, HeadlessPayment, TradePayRequest, AuthAdapter, HeadlessAuth, HeadlessAuthOptions, OpenUserInfo, OpenResponse, MemberAddress } from './open.ts';
export { createHeadlessPickers, createHeadlessUpdates, formatPickerDate } from './pickers.ts';
export type {
  PickerAdapter, HeadlessPickers, HeadlessPickerAnswers, PickerCall, DatePickerRequest, LevelItem, MultiLevelSelectRequest, OptionsSelectRequest,
  OptionsSelectAnswer, RegionPickerRequest, RegionAnswer, CityItem, ChooseCityRequest, CityAnswer, LocatedCity, CityPickerSession, PreviewImageRequest,
  UpdateAdapter, HeadlessUpdates,
} from './pickers.ts';
export { createHeadlessMedia, createBrowserMedia, audioError } from './media.ts';
export type {
  MediaAdapter, AudioPlayer, AudioSink, AudioEvent, AudioState, AudioSettings, Recorder, RecorderSink, RecorderEvent, RecordOptions, Recording,
  HeadlessMedia, HeadlessMediaScript, HeadlessAudio, HeadlessRecording,
} from './media.ts';
export { createHeadlessMaps, DEFAULT_PLACE } from './maps.ts';
export type { MapsAdapter, ChooseLocationRequest, ChosenLocation, OpenLocationRequest, HeadlessMaps, HeadlessMapsAnswers, MapsCall } from './maps.ts';
export { createMemoryCloud } from './cloud.ts';
export type { CloudAdapter, CloudRequest, CloudQuery, CloudCommand, MemoryCloud, MemoryCloudOptions } from './cloud.ts';
export { createSimulatedBluetooth, BluetoothError } from './bluetooth.ts';
export type {
  BluetoothAdapter, BluetoothEvents, BluetoothDeviceInfo, BleServiceInfo, BleCharacteristicInfo, BleCharacteristicProperties, BleTarget,
  SimulatedBluetooth, SimulatedPeripheral, SimulatedPeripheralSpec, SimulatedService, SimulatedCharacteristic,
} from './bluetooth.ts';
export { createSimulatedSensors, createSimulatedScreen, createScriptedScanner } from './sensors.ts';
export type {
  SensorsAdapter, SensorKind, SensorReading, ScreenAdapter, ScannerAdapter, ScanRequest, ScanResult, ScanAnswer,
  SimulatedSensors, SimulatedScreen, ScriptedScanner,
} from './sensors.ts';
