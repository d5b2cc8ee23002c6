/**
 * The sheets a host shows over the app and the user answers (docs: 基础API/界面/选择日期, 级联选择,
 * 选项选择器, 选择城市; 多媒体/图片/my.previewImage): the date picker, the cascading and the options
 * selectors, the region and city pickers, and the image viewer. Each method resolves with the user's
 * choice, or `null` when the user cancelled. A host without `host.pickers` (or without one of its
 * methods) answers that API as not supported (error 1, canIUse false).
 *
 * `createHeadlessPickers(answers)` is the scripted stand-in the test harness uses: it records what
 * was asked and answers what the test scripted (a value, a function of the request, or `null` =
 * cancel), by default what a user who presses OK at once would choose.
 *
 * Also here: the update service behind my.getUpdateManager (`host.updates`).
 */

import type { HostContext, MaybePromise } from './context.ts';
import { RingLog } from './ring-log.ts';

/** my.datePicker, arguments checked and defaults filled. */
export interface DatePickerRequest {
  format: 'yyyy-MM-dd' | 'HH:mm' | 'yyyy-MM-dd HH:mm' | 'yyyy-MM' | 'yyyy';
  currentDate?: string;
  startDate?: string;
  endDate?: string;
}

/** One entry of a my.multiLevelSelect list (only `name` and `subList` reach the host, as on the platform). */
export interface LevelItem {
  name: string;
  subList?: LevelItem[];
}

export interface MultiLevelSelectRequest {
  title?: string;
  list: LevelItem[];
}

export interface OptionsSelectRequest {
  title?: string;
  optionsOne: string[];
  optionsTwo?: string[];
  selectedOneIndex: number;
  selectedTwoIndex: number;
  positiveString: string;
  negativeString: string;
}

/** The indexes chosen in the options selector (selectedTwoIndex only with optionsTwo). */
export interface OptionsSelectAnswer {
  selectedOneIndex: number;
  selectedTwoIndex?: number;
}

export interface RegionPickerRequest {
  title?: string;
  /** The app's one-time changes to the host's region data (remove / add / update), passed as given. */
  mergeOptions?: { remove?: unknown[]; add?: unknown[]; update?: unknown[] };
  /** Names of the province, city and district to start on. */
  selectedItem?: string[];
}

/** Names and ids of the province, city and district chosen. */
export interface RegionAnswer {
  data: string[];
  code: string[];
}

/** A city of my.chooseCity's lists. */
export interface CityItem {
  city: string;
  adCode: string;
  spell: string;
}

export interface ChooseCityRequest {
  showLocatedCity: boolean;
  showHotCities: boolean;
  setLocatedCity: boolean;
  cities?: CityItem[];
  hotCities?: CityItem[];
  customHistoryCities?: CityItem[];
}

/** The city chosen; longitude/latitude only when the user chose the located city. */
export interface CityAnswer {
  city: string;
  adCode: string;
  longitude?: number;
  latitude?: number;
}

/** Where the city picker located the user (ChooseCityTask.onLocatedComplete). */
export interface LocatedCity {
  longitude: number;
  latitude: number;
  locatedCityId: string;
}

/**
 * The open city picker (the ChooseCityTask the app holds): the host reports where it located the
 * user, and sees the name the app gives the located city (ChooseCityTask.setLocatedCity).
 */
export interface CityPickerSession {
  /** Fires the app's onLocatedComplete listeners. */
  located(fix: LocatedCity): void;
  /** The name the app set with setLocatedCity, once it did. */
  readonly locatedCityName: string | undefined;
  /** Called when the app sets it. */
  onSetLocatedCity?: (name: { locatedCityId?: string; locatedCityName: string; locatedCityAdCode?: string; locatedCityPinyin?: string }) => void;
}

export interface PreviewImageRequest {
  urls: string[];
  current: number;
  enablesavephoto: boolean;
  enableShowPhotoDownload: boolean;
}

export interface PickerAdapter {
  /** The chosen date in `format`, or null (cancelled: error 11). */
  datePicker?(request: DatePickerRequest, context: HostContext): MaybePromise<string | null>;
  /** The chosen path, one `{ name }` per level from the top, or null (cancelled: success with `success: false`). */
  multiLevelSelect?(request: MultiLevelSelectRequest, context: HostContext): MaybePromise<Array<{ name: string }> | null>;
  /** The chosen indexes, or null (cancelled: success with empty strings, as the docs say). */
  optionsSelect?(request: OptionsSelectRequest, context: HostContext): MaybePromise<OptionsSelectAnswer | null>;
  /** The chosen province/city/district, or null (cancelled: error 11); an empty `data` is error 10001. */
  regionPicker?(request: RegionPickerRequest, context: HostContext): MaybePromise<RegionAnswer | null>;
  /** The chosen city, or null (cancelled: error 11). */
  chooseCity?(request: ChooseCityRequest, context: HostContext, session: CityPickerSession): MaybePromise<CityAnswer | null>;
  /** Shows the images (the viewer closes by itself; resolving is the API's success). */
  previewImage?(request: PreviewImageRequest, context: HostContext): MaybePromise<void>;
}

type Answer<A, T> = T | ((request: A) => T);

/** What the scripted pickers answer; each a value, a function of the request, or null (the user cancelled). */
export interface HeadlessPickerAnswers {
  /** Default: currentDate, else startDate, else today in the requested format. */
  datePicker?: Answer<DatePickerRequest, string | null>;
  /** Default: the first item at every level. A list of names picks by name (`['杭州市', '西湖区']`). */
  multiLevelSelect?: Answer<MultiLevelSelectRequest, Array<{ name: string }> | string[] | null>;
  /** Default: the preselected indexes. */
  optionsSelect?: Answer<OptionsSelectRequest, OptionsSelectAnswer | null>;
  /** Default: 浙江省 / 杭州市 / 西湖区 (330000 / 330100 / 330106). */
  regionPicker?: Answer<RegionPickerRequest, RegionAnswer | null>;
  /** Default: the first of `cities` when the app gave a list, else 杭州市 (330100). */
  chooseCity?: Answer<ChooseCityRequest, CityAnswer | null>;
  /** When set and the app asked for setLocatedCity: the picker "locates" the user there first (onLocatedComplete). */
  located?: LocatedCity;
}

export interface PickerCall {
  api: string;
  args: unknown;
}

export interface HeadlessPickers extends Required<PickerAdapter> {
  /** Every sheet asked for, in order (and ChooseCityTask.setLocatedCity as `setLocatedCity`). */
  readonly calls: RingLog<PickerCall>;
  answers: HeadlessPickerAnswers;
  callsOf(api: string): unknown[];
}

const DEFAULT_REGION: RegionAnswer = { data: ['浙江省', '杭州市', '西湖区'], code: ['330000', '330100', '330106'] };
const DEFAULT_CITY: CityAnswer = { city: '杭州市', adCode: '330100' };

function answer<A, T>(value: Answer<A, T> | undefined, request: A, fallback: () => T): T {
  if (value === undefined) return fallback();
  return typeof value === 'function' ? (value as (request: A) => T)(request) : value;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `date` in a datePicker format (local time). */
export function formatPickerDate(date: Date, format: DatePickerRequest['format']): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  switch (format) {
    case 'HH:mm':
      return time;
    case 'yyyy-MM-dd HH:mm':
      return `${day} ${time}`;
    case 'yyyy-MM':
      return day.slice(0, 7);
    case 'yyyy':
      return day.slice(0, 4);
    default:
      return day;
  }
}

/** The path of first items, or the path of the named items. */
function levelPath(list: LevelItem[], names?: string[]): Array<{ name: string }> {
  const path: Array<{ name: string }> = [];
  let level: LevelItem[] | undefined = list;
  for (let depth = 0; level && level.length > 0 && (names === undefined || depth < names.length); depth++) {
    const item: LevelItem | undefined = names === undefined ? level[0] : level.find((entry) => entry.name === names[depth]);
    if (!item) break;
    path.push({ name: item.name });
    level = item.subList;
  }
  return path;
}

export function createHeadlessPickers(answers: HeadlessPickerAnswers = {}): HeadlessPickers {
  const calls = new RingLog<PickerCall>(1000);
  const record = (api: string, args: unknown) => calls.push({ api, args: structuredClone(args) });
  const pickers: HeadlessPickers = {
    calls,
    answers,
    callsOf: (api) => calls.filter((c) => c.api === api).map((c) => c.args),
    datePicker(request) {
      record('datePicker', request);
      return answer(pickers.answers.datePicker, request, () => request.currentDate ?? request.startDate ?? formatPickerDate(new Date(), request.format));
    },
    multiLevelSelect(request) {
      record('multiLevelSelect', request);
      const chosen = answer(pickers.answers.multiLevelSelect, request, () => levelPath(request.list));
      if (chosen === null) return null;
      return chosen.every((entry) => typeof entry === 'string') ? levelPath(request.list, chosen as string[]) : (chosen as Array<{ name: string }>);
    },
    optionsSelect(request) {
      record('optionsSelect', request);
      return answer(pickers.answers.optionsSelect, request, () =>
        request.optionsTwo ? { selectedOneIndex: request.selectedOneIndex, selectedTwoIndex: request.selectedTwoIndex } : { selectedOneIndex: request.selectedOneIndex },
      );
    },
    regionPicker(request) {
      record('regionPicker', request);
      return answer(pickers.answers.regionPicker, request, () => structuredClone(DEFAULT_REGION));
    },
    async chooseCity(request, _context, session) {
      record('chooseCity', request);
      session.onSetLocatedCity = (name) => record('setLocatedCity', name);
      const located = pickers.answers.located;
      if (located && request.showLocatedCity && request.setLocatedCity) {
        session.located(located);
        // Let the app's onLocatedComplete listener answer (setLocatedCity) before the picker closes.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return answer(pickers.answers.chooseCity, request, () => {
        const first = request.cities?.[0];
        return first ? { city: first.city, adCode: first.adCode } : { ...DEFAULT_CITY };
      });
    },
    previewImage(request) {
      record('previewImage', request);
    },
  };
  return pickers;
}

/** The update service behind my.getUpdateManager (docs: 基础API/更新管理). */
export interface UpdateAdapter {
  /**
   * UpdateManager.applyUpdate: the host restarts the mini-program on its new version (destroys the
   * container and launches the new package). Resolving is the call's success.
   */
  applyUpdate(context: HostContext): MaybePromise<void>;
}

export interface HeadlessUpdates extends UpdateAdapter {
  /** applyUpdate calls, in order. */
  readonly applied: HostContext[];
}

/** Records applyUpdate and restarts nothing (or runs `onApply`, a harness restarting the app). */
export function createHeadlessUpdates(onApply?: (context: HostContext) => MaybePromise<void>): HeadlessUpdates {
  const updates: HeadlessUpdates = {
    applied: new RingLog<HostContext>(1000),
    async applyUpdate(context) {
      updates.applied.push(context);
      await onApply?.(context);
    },
  };
  return updates;
}
