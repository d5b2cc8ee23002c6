/**
 * Pickers and the image viewer (docs: 基础API/界面/选择日期/my.datePicker, 级联选择/my.multiLevelSelect,
 * 选项选择器/my.optionsSelect, 选择城市/my.regionPicker + my.chooseCity, 多媒体/图片/my.previewImage),
 * each answered by the host's `host.pickers` adapter (adapters/pickers.ts). A host without the
 * adapter's method answers the API as not supported (error 1, canIUse false: `available`).
 *
 * How each ends, as documented: datePicker cancelled → 11; multiLevelSelect cancelled → success with
 * `success: false`; optionsSelect cancelled → success with empty strings; regionPicker cancelled → 11,
 * nothing chosen → 10001; chooseCity cancelled → 11 (it returns a ChooseCityTask: onLocatedComplete,
 * setLocatedCity); previewImage with an index outside urls or a URL that is not http(s) → 2.
 */

import type { CityPickerSession, DatePickerRequest, LevelItem, PickerAdapter } from '../../adapters/pickers.ts';
import { defineApi, defineEvent } from '../define.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import type { ResolvedHost } from '../host-options.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';

const CANCELLED = '用户取消操作';

/** The documented datePicker formats and what a date of each looks like. */
const DATE_FORMATS: Record<DatePickerRequest['format'], RegExp> = {
  'yyyy-MM-dd': /^\d{4}-\d{1,2}-\d{1,2}$/,
  'HH:mm': /^\d{1,2}:\d{2}$/,
  'yyyy-MM-dd HH:mm': /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}$/,
  'yyyy-MM': /^\d{4}-\d{1,2}$/,
  yyyy: /^\d{4}$/,
};

const has = (name: keyof PickerAdapter) => (host: ResolvedHost) => typeof host.pickers?.[name] === 'function';

function picker<K extends keyof PickerAdapter>(ctx: ApiCallContext, name: K): NonNullable<PickerAdapter[K]> {
  const pickers = ctx.host.pickers;
  const method = pickers?.[name];
  if (typeof method !== 'function') throw new ApiFailure(ErrorCode.NOT_SUPPORTED, `${name}: not supported on this host (canIUse is false)`);
  return method.bind(pickers) as NonNullable<PickerAdapter[K]>;
}

/** Comparable form of a date in `format` (the docs: a bound of another format is ignored). */
function dateKey(value: string | undefined, format: DatePickerRequest['format']): string | undefined {
  if (value === undefined || !DATE_FORMATS[format].test(value)) return undefined;
  return value.split(/[- :]/).map((part) => part.padStart(4, '0')).join('');
}

async function datePicker(args: { format: DatePickerRequest['format']; currentDate?: string; startDate?: string; endDate?: string }, ctx: ApiCallContext) {
  const { format } = args;
  // Values in another format do not apply (docs: 格式要与所选择的 format 值的格式保持一致).
  const request: DatePickerRequest = { format };
  for (const key of ['currentDate', 'startDate', 'endDate'] as const) if (dateKey(args[key], format) !== undefined) request[key] = args[key];
  const date = await picker(ctx, 'datePicker')(request, ctx.hostContext());
  if (date === null || date === undefined) throw new ApiFailure(11, `datePicker: ${CANCELLED}`);
  const key = dateKey(String(date), format);
  if (typeof date !== 'string' || key === undefined) throw new ApiFailure(ErrorCode.UNKNOWN, `datePicker: the picker answered ${JSON.stringify(date)}, not a date in the format ${format}`);
  const start = dateKey(request.startDate, format);
  const end = dateKey(request.endDate, format);
  if ((start !== undefined && key < start) || (end !== undefined && key > end)) {
    throw new ApiFailure(ErrorCode.UNKNOWN, `datePicker: the picker answered ${date}, outside ${request.startDate ?? '…'} – ${request.endDate ?? '…'}`);
  }
  return { date };
}

/** Only name and subList reach the host (docs: other fields are ignored). */
function cleanLevels(list: Array<{ name: string; subList?: unknown }>, depth = 0): LevelItem[] {
  if (depth > 16) throw new ApiFailure(ErrorCode.INVALID_PARAM, 'multiLevelSelect: 参数无效: list nests more than 16 levels');
  return list.map((item, index) => {
    if (item === null || typeof item !== 'object' || typeof item.name !== 'string') {
      throw new ApiFailure(ErrorCode.INVALID_PARAM, `multiLevelSelect: 参数无效: list item ${index} has no name`);
    }
    if (item.subList === undefined || item.subList === null) return { name: item.name };
    if (!Array.isArray(item.subList)) throw new ApiFailure(ErrorCode.INVALID_PARAM, `multiLevelSelect: 参数无效: subList of "${item.name}" is not an array`);
    return { name: item.name, subList: cleanLevels(item.subList as Array<{ name: string }>, depth + 1) };
  });
}

async function multiLevelSelect(args: { title?: string; list: Array<{ name: string; subList?: unknown }> }, ctx: ApiCallContext) {
  const list = cleanLevels(args.list);
  const request = args.title === undefined ? { list } : { title: args.title, list };
  const chosen = await picker(ctx, 'multiLevelSelect')(request, ctx.hostContext());
  if (chosen === null || chosen === undefined) return { success: false, result: [] };
  // The answer must be a path through the list, from the top.
  let level: LevelItem[] | undefined = list;
  const result: Array<{ name: string }> = [];
  for (const entry of Array.isArray(chosen) ? chosen : [null]) {
    const item: LevelItem | undefined = level?.find((candidate) => candidate.name === entry?.name);
    if (!item) throw new ApiFailure(ErrorCode.UNKNOWN, `multiLevelSelect: the picker answered ${JSON.stringify(chosen)}, not a path through the list`);
    result.push({ name: item.name });
    level = item.subList;
  }
  return { success: result.length > 0, result };
}

async function optionsSelect(
  args: { title?: string; optionsOne: string[]; optionsTwo?: string[]; selectedOneIndex: number; selectedTwoIndex: number; positiveString: string; negativeString: string },
  ctx: ApiCallContext,
) {
  const clamp = (index: number, options: string[]) => (Number.isInteger(index) && index >= 0 && index < options.length ? index : 0);
  const request = { ...args, selectedOneIndex: clamp(args.selectedOneIndex, args.optionsOne), selectedTwoIndex: args.optionsTwo ? clamp(args.selectedTwoIndex, args.optionsTwo) : 0 };
  const chosen = await picker(ctx, 'optionsSelect')(request, ctx.hostContext());
  // Cancelled: the docs answer success with empty strings.
  if (chosen === null || chosen === undefined) {
    return args.optionsTwo
      ? { selectedOneIndex: '', selectedOneOption: '', selectedTwoIndex: '', selectedTwoOption: '' }
      : { selectedOneIndex: '', selectedOneOption: '' };
  }
  const one = chosen.selectedOneIndex;
  if (!Number.isInteger(one) || one < 0 || one >= args.optionsOne.length) throw new ApiFailure(ErrorCode.UNKNOWN, `optionsSelect: the picker answered index ${JSON.stringify(one)} of optionsOne`);
  const result: Record<string, number | string> = { selectedOneIndex: one, selectedOneOption: args.optionsOne[one]! };
  if (args.optionsTwo) {
    const two = chosen.selectedTwoIndex ?? request.selectedTwoIndex;
    if (!Number.isInteger(two) || two < 0 || two >= args.optionsTwo.length) throw new ApiFailure(ErrorCode.UNKNOWN, `optionsSelect: the picker answered index ${JSON.stringify(two)} of optionsTwo`);
    result.selectedTwoIndex = two;
    result.selectedTwoOption = args.optionsTwo[two]!;
  }
  return result;
}

async function regionPicker(args: { title?: string; mergeOptions?: { remove?: unknown[]; add?: unknown[]; update?: unknown[] }; selectedItem?: string[] }, ctx: ApiCallContext) {
  const chosen = await picker(ctx, 'regionPicker')(args, ctx.hostContext());
  if (chosen === null || chosen === undefined) throw new ApiFailure(11, 'regionPicker: 用户取消选择');
  const { data, code } = chosen;
  if (!Array.isArray(data) || data.length === 0) throw new ApiFailure(10001, 'regionPicker: 用户没有选择数据');
  if (!Array.isArray(code) || code.length !== data.length) throw new ApiFailure(ErrorCode.UNKNOWN, 'regionPicker: the picker answered names and ids of different lengths');
  return { data: data.map(String), code: code.map(String) };
}

interface CityTaskState {
  session: CityPickerSession;
  setName(name: Record<string, string>): void;
  dispose(): void;
}

async function chooseCity(
  args: { showLocatedCity: boolean; showHotCities: boolean; setLocatedCity: boolean; cities?: unknown[]; hotCities?: unknown[]; customHistoryCities?: unknown[] },
  ctx: ApiCallContext,
) {
  const open = picker(ctx, 'chooseCity');
  const id = ctx.callId;
  let locatedCityName: string | undefined;
  const open_ = openCity(ctx);
  const session: CityPickerSession = {
    located: (fix) => {
      const data = { longitude: fix.longitude, latitude: fix.latitude, locatedCityId: fix.locatedCityId };
      open_.locatedCityId = fix.locatedCityId;
      ctx.tasks.emit(id, 'LocatedComplete', data);
      // The older, app-wide form: my.onLocatedComplete listeners hear it too.
      ctx.services.emit([{ t: 'hostEvent', name: 'LocatedComplete', data }]);
    },
    get locatedCityName() {
      return locatedCityName;
    },
  };
  const state: CityTaskState = {
    session,
    setName(name) {
      locatedCityName = name.locatedCityName;
      session.onSetLocatedCity?.(name as { locatedCityName: string });
    },
    dispose() {},
  };
  ctx.tasks.open(id, 'chooseCity', state);
  open_.state = state;
  try {
    const request = { ...args } as Parameters<NonNullable<PickerAdapter['chooseCity']>>[0];
    const city = await open(request, ctx.hostContext(), session);
    if (city === null || city === undefined) throw new ApiFailure(11, `chooseCity: ${CANCELLED}`);
    if (typeof city.city !== 'string' || typeof city.adCode !== 'string') throw new ApiFailure(ErrorCode.UNKNOWN, 'chooseCity: the picker answered no city and adCode');
    const result: Record<string, string | number> = { city: city.city, adCode: city.adCode };
    if (typeof city.longitude === 'number' && typeof city.latitude === 'number') Object.assign(result, { longitude: city.longitude, latitude: city.latitude });
    return result;
  } finally {
    ctx.tasks.close(id);
    if (open_.state === state) open_.state = undefined;
  }
}

/** The city picker open in this app (my.setLocatedCity renames its located city), and the id it located. */
const openCity = (ctx: ApiCallContext) => ctx.local<{ state?: CityTaskState; locatedCityId?: string }>('openCityPicker', () => ({}));

/** `my.setLocatedCity` (docs: 选择城市/my.setLocatedCity): the app-wide form of ChooseCityTask.setLocatedCity. */
function setLocatedCity(args: Record<string, string>, ctx: ApiCallContext) {
  if (!args.locatedCityId || !args.locatedCityName) throw new ApiFailure(12, 'setLocatedCity: 必填参数为空 (locatedCityId and locatedCityName are required)');
  const open = openCity(ctx);
  if (!open.state || open.locatedCityId === undefined) throw new ApiFailure(13, 'setLocatedCity: locatedCityId 不匹配 (no open my.chooseCity has located the user)');
  if (open.locatedCityId !== args.locatedCityId) {
    throw new ApiFailure(13, `setLocatedCity: locatedCityId 不匹配 (${JSON.stringify(args.locatedCityId)}; onLocatedComplete gave ${JSON.stringify(open.locatedCityId)})`);
  }
  open.state.setName(args);
  return { locatedCityName: args.locatedCityName };
}

const URL_FORM = /^https?:\/\/[^\s]+$/i;

async function previewImage(args: { urls: string[]; current: number; enablesavephoto: boolean; enableShowPhotoDownload: boolean }, ctx: ApiCallContext) {
  if (args.urls.length === 0) throw new ApiFailure(ErrorCode.INVALID_PARAM, 'previewImage: 接口参数无效: urls is empty');
  const bad = args.urls.find((url) => typeof url !== 'string' || !URL_FORM.test(url));
  if (bad !== undefined) throw new ApiFailure(ErrorCode.INVALID_PARAM, `previewImage: 只支持 http/https 图片链接, got ${JSON.stringify(bad)}`);
  if (!Number.isInteger(args.current) || args.current < 0 || args.current >= args.urls.length) {
    throw new ApiFailure(ErrorCode.INVALID_PARAM, `previewImage: 接口参数无效: current ${args.current} is not an index of urls (0 … ${args.urls.length - 1})`);
  }
  await picker(ctx, 'previewImage')({ ...args, urls: [...args.urls] }, ctx.hostContext());
  return {};
}

const city = s.object({ city: s.string(), adCode: s.string(), spell: s.string() }, { required: ['city', 'adCode', 'spell'] });

export function pickerApis(): ApiDefinition[] {
  return [
    defineApi({
      name: 'datePicker',
      kind: 'async',
      available: has('datePicker'),
      params: s.object({
        format: s.enum(Object.keys(DATE_FORMATS), { default: 'yyyy-MM-dd' }),
        currentDate: s.string(),
        startDate: s.string(),
        endDate: s.string(),
      }),
      result: s.object({ date: s.string() }, { required: ['date'] }),
      errors: { 11: CANCELLED },
      handler: datePicker,
      description: 'Opens the date picker (host.pickers.datePicker); 11 when the user cancels.',
    }),
    defineApi({
      name: 'multiLevelSelect',
      kind: 'async',
      available: has('multiLevelSelect'),
      params: s.object({ title: s.string(), list: s.array(s.object({ name: s.string(), subList: s.array(s.any()) }, { required: ['name'] })) }, { required: ['list'] }),
      result: s.object({ success: s.boolean(), result: s.array(s.object({ name: s.string() }, { required: ['name'] })) }, { required: ['success', 'result'] }),
      errors: { 2: '参数无效 (list)' },
      handler: multiLevelSelect,
      description: 'Opens the cascading selector (host.pickers.multiLevelSelect); success false when the user cancels.',
    }),
    defineApi({
      name: 'optionsSelect',
      kind: 'async',
      available: has('optionsSelect'),
      params: s.object(
        {
          title: s.string(),
          optionsOne: s.array(s.string(), { minItems: 1 }),
          optionsTwo: s.array(s.string(), { minItems: 1 }),
          selectedOneIndex: s.integer({ default: 0 }),
          selectedTwoIndex: s.integer({ default: 0 }),
          positiveString: s.string({ default: '确定' }),
          negativeString: s.string({ default: '取消' }),
        },
        { required: ['optionsOne'] },
      ),
      result: s.object(
        {
          selectedOneIndex: s.union(s.integer(), s.enum([''])),
          selectedOneOption: s.string(),
          selectedTwoIndex: s.union(s.integer(), s.enum([''])),
          selectedTwoOption: s.string(),
        },
        { required: ['selectedOneIndex', 'selectedOneOption'] },
      ),
      handler: optionsSelect,
      description: 'Opens the one- or two-column options selector (host.pickers.optionsSelect); empty strings when the user cancels.',
    }),
    defineApi({
      name: 'regionPicker',
      kind: 'async',
      available: has('regionPicker'),
      params: s.object({
        title: s.string(),
        mergeOptions: s.object({ remove: s.array(s.object()), add: s.array(s.object()), update: s.array(s.object()) }),
        selectedItem: s.array(s.string()),
      }),
      result: s.object({ data: s.array(s.string()), code: s.array(s.string()) }, { required: ['data', 'code'] }),
      errors: { 11: '用户取消选择', 10001: '用户没有选择数据' },
      handler: regionPicker,
      description: 'Opens the province / city / district picker with the host\'s region data (host.pickers.regionPicker).',
    }),
    defineApi({
      name: 'chooseCity',
      kind: 'async',
      available: has('chooseCity'),
      params: s.object({
        showLocatedCity: s.boolean({ default: false }),
        showHotCities: s.boolean({ default: true }),
        setLocatedCity: s.boolean({ default: false }),
        cities: s.array(city),
        hotCities: s.array(city),
        customHistoryCities: s.array(city),
      }),
      result: s.object({ city: s.string(), adCode: s.string(), longitude: s.number(), latitude: s.number() }, { required: ['city', 'adCode'] }),
      task: {
        methods: {
          setLocatedCity: {
            params: s.object(
              { locatedCityId: s.string(), locatedCityName: s.string({ minLength: 1 }), locatedCityAdCode: s.string(), locatedCityPinyin: s.string() },
              { required: ['locatedCityName'] },
            ),
            result: s.object({ locatedCityName: s.string() }, { required: ['locatedCityName'] }),
            handler(args: Record<string, string>, ctx) {
              (ctx.tasks.get(ctx.task)?.state as CityTaskState | undefined)?.setName(args);
              return { locatedCityName: args.locatedCityName };
            },
            description: 'Renames the located city while the picker is open.',
          },
        },
        events: ['LocatedComplete'],
      },
      errors: { 11: CANCELLED },
      handler: chooseCity,
      description: 'Opens the city list (host.pickers.chooseCity); returns a ChooseCityTask; 11 when the user cancels.',
    }),
    defineApi({
      name: 'setLocatedCity',
      kind: 'async',
      available: has('chooseCity'),
      params: s.object(
        { locatedCityId: s.string(), locatedCityName: s.string(), locatedCityAdCode: s.string(), locatedCityPinyin: s.string() },
        { required: ['locatedCityId', 'locatedCityName'] },
      ),
      result: s.object({ locatedCityName: s.string() }, { required: ['locatedCityName'] }),
      errors: { 11: '参数类型错误', 12: '必填参数为空', 13: 'locatedCityId 不匹配' },
      handler: setLocatedCity,
      description: 'Renames the located city of the open my.chooseCity (the id must be the one onLocatedComplete gave).',
    }),
    ...defineEvent('LocatedComplete', s.object({ longitude: s.number(), latitude: s.number(), locatedCityId: s.string() })).map((def) => ({ ...def, available: has('chooseCity') })),
    defineApi({
      name: 'previewImage',
      kind: 'async',
      available: has('previewImage'),
      params: s.object(
        { urls: s.array(s.string()), current: s.integer({ default: 0 }), enablesavephoto: s.boolean({ default: false }), enableShowPhotoDownload: s.boolean({ default: false }) },
        { required: ['urls'] },
      ),
      errors: { 2: '接口参数无效 / 只支持 http/https 图片链接' },
      handler: previewImage,
      description: 'Shows the images full screen (host.pickers.previewImage), starting at urls[current].',
    }),
  ];
}
