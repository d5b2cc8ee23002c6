/**
 * Location and media (docs: my.getLocation, my.chooseImage). Both need a permission scope:
 * `location` and `album`; a scope the host did not grant fails with the 2001 family.
 */

import { tempFilePath } from '../../adapters/files.ts';
import { defineApi } from '../define.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';

const str = (value: unknown): string => String(value);

async function getLocation(args: { type: number; cacheTimeout?: number }, ctx: ApiCallContext) {
  const fix = await ctx.host.location.getLocation({ type: args.type, cacheTimeout: args.cacheTimeout }, ctx.hostContext());
  if (!fix || fix.longitude === undefined || fix.latitude === undefined) throw new ApiFailure(13, 'getLocation: location failed');
  // The platform returns coordinates as strings; finer detail only for the `type` asked for.
  const result: Record<string, unknown> = {
    longitude: str(fix.longitude),
    latitude: str(fix.latitude),
    accuracy: str(fix.accuracy ?? 65),
    horizontalAccuracy: str(fix.horizontalAccuracy ?? fix.accuracy ?? 65),
  };
  if (args.type >= 1) {
    for (const key of ['country', 'countryCode', 'province', 'provinceAdcode', 'city', 'cityAdcode', 'district', 'districtAdcode'] as const) {
      if (fix[key] !== undefined) result[key] = str(fix[key]);
    }
  }
  if (args.type >= 2 && fix.streetNumber) result.streetNumber = fix.streetNumber;
  if (args.type >= 3 && fix.pois) result.pois = fix.pois;
  return result;
}

function extensionOf(name: string | undefined): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(name ?? '');
  return match ? match[1]!.toLowerCase() : 'image';
}

async function chooseImage(args: { count: number; sizeType: string[]; sourceType: string | string[] }, ctx: ApiCallContext) {
  const sourceType = typeof args.sourceType === 'string' ? [args.sourceType] : args.sourceType;
  const picked = await ctx.host.ui.chooseImage({ count: args.count, sourceType, sizeType: args.sizeType }, ctx.hostContext());
  if (!picked || picked.length === 0) throw new ApiFailure(11, 'chooseImage: the user cancelled');
  const files: { path: string; size: number }[] = [];
  for (const image of picked.slice(0, args.count)) {
    if (!(image?.data instanceof Uint8Array)) throw new ApiFailure(ErrorCode.UNKNOWN, 'chooseImage: the host returned an image without data');
    const path = tempFilePath(extensionOf(image.name));
    await ctx.host.files.write(ctx.appId, path, image.data);
    files.push({ path, size: image.data.length });
  }
  const paths = files.map((f) => f.path);
  return { apFilePaths: paths, tempFilePaths: paths, tempFiles: files };
}

export function deviceApis(): ApiDefinition[] {
  const coordinate = s.string();
  return [
    defineApi({
      name: 'getLocation',
      kind: 'async',
      scope: 'location',
      params: s.object({
        cacheTimeout: s.number({ minimum: 0, default: 30, description: 'Seconds a cached fix stays valid.' }),
        type: s.integer({ enum: [0, 1, 2, 3], default: 0, description: '0 coordinates, 1 + district, 2 + street, 3 + POIs.' }),
        accuracy: s.number(),
        bizType: s.string(),
      }),
      result: s.object(
        {
          longitude: coordinate,
          latitude: coordinate,
          accuracy: s.string(),
          horizontalAccuracy: s.string(),
          country: s.string(),
          countryCode: s.string(),
          province: s.string(),
          provinceAdcode: s.string(),
          city: s.string(),
          cityAdcode: s.string(),
          district: s.string(),
          districtAdcode: s.string(),
          streetNumber: s.object({ street: s.string(), number: s.string() }),
          pois: s.array(s.object({ name: s.string(), address: s.string() })),
        },
        { required: ['longitude', 'latitude', 'accuracy', 'horizontalAccuracy'] },
      ),
      errors: {
        11: 'location is switched off',
        12: 'network error',
        13: 'location failed',
        14: 'business timeout',
        18: 'no cell or Wi-Fi data',
        2001: 'the user refused to authorise',
        2002: 'refused before ("don\'t ask again")',
      },
      handler: (args: { type: number; cacheTimeout?: number }, ctx) => getLocation(args, ctx),
      description: 'The current location (GCJ-02), scope "location".',
    }),
    defineApi({
      name: 'chooseImage',
      kind: 'async',
      scope: 'album',
      params: s.object({
        count: s.integer({ minimum: 1, default: 1 }),
        sizeType: s.array(s.enum(['original', 'compressed']), { example: ['original', 'compressed'] }),
        sourceType: s.union(s.array(s.enum(['camera', 'album'])), s.enum(['camera', 'album'])),
        storeToAlbum: s.boolean(),
      }),
      result: s.object(
        {
          apFilePaths: s.array(s.string()),
          tempFilePaths: s.array(s.string()),
          tempFiles: s.array(s.object({ path: s.string(), size: s.number() }, { required: ['path', 'size'] })),
        },
        { required: ['apFilePaths', 'tempFilePaths', 'tempFiles'] },
      ),
      errors: { 11: 'the user cancelled', 2001: 'the user refused to authorise', 2002: 'refused before', 2003: 'refused with "don\'t ask again"' },
      handler: (args: { count: number; sizeType?: string[]; sourceType?: string | string[] }, ctx) =>
        chooseImage({ count: args.count, sizeType: args.sizeType ?? ['original', 'compressed'], sourceType: args.sourceType ?? ['camera', 'album'] }, ctx),
      description: 'Picks images (scope "album"); returns their apFilePaths in the host file store.',
    }),
  ];
}
