/**
 * The state of one `<map>` (docs: 组件/地图 map; api/界面/地图/MapContext), shared by both renderers:
 * the centre, scale, markers, polylines and circles the attributes (and MapContext calls) set, and a
 * Web Mercator projection of them into the component's box (256-px tiles at zoom `scale`). No tiles are
 * drawn and nothing is fetched: the DOM renderer draws the shapes it projects, the headless renderer
 * keeps the model on the node. `call` answers the MapContext methods a static map can answer honestly;
 * the rest are not supported (error 1).
 */

import type { ComponentAnswer } from '../contract/renderer.ts';

export interface LatLng {
  latitude: number;
  longitude: number;
}

export interface MapMarker extends LatLng {
  id: number;
  title?: string;
  iconPath?: string;
  width?: number;
  height?: number;
  /** Callout / label text (the bubble's `content`). */
  callout?: { content?: string };
  label?: { content?: string };
}

export interface MapPolyline {
  points: LatLng[];
  color?: string;
  width?: number;
  dottedLine?: boolean;
}

export interface MapCircle extends LatLng {
  radius: number;
  color?: string;
  fillColor?: string;
  strokeWidth?: number;
}

/** Documented scale range (MapContext.getScale) and default. */
export const MIN_SCALE = 5;
export const MAX_SCALE = 18;
export const DEFAULT_SCALE = 16;
/** Where a map without longitude/latitude looks (the platform defaults to Beijing's centre). */
const DEFAULT_CENTER: LatLng = { latitude: 39.908823, longitude: 116.39747 };
/** A box the renderer could not measure (headless: no layout). */
export const DEFAULT_BOX = { width: 375, height: 300 };
/** Bounded: an app's attribute cannot make the renderer draw without end. */
const MAX_SHAPES = 500;
const MAX_POINTS = 2000;

/** The MapContext methods the static map answers; the others answer not supported. */
export const MAP_METHODS = [
  'getCenterLocation', 'getCurrentLocation', 'moveToLocation', 'includePoints', 'getRegion', 'getScale', 'getRotate', 'getSkew',
  'changeMarkers', 'translateMarker', 'mapToScreen', 'screenToMap', 'getMapProperties',
] as const;

const num = (value: unknown): number | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

function latLng(value: unknown): LatLng | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { latitude, longitude } = value as Record<string, unknown>;
  const lat = num(latitude);
  const lng = num(longitude);
  if (lat === undefined || lng === undefined || lat < -90 || lat > 90 || lng < -180 || lng > 180) return undefined;
  return { latitude: lat, longitude: lng };
}

const list = (value: unknown, max: number): unknown[] => (Array.isArray(value) ? value.slice(0, max) : []);

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

function marker(value: unknown, index: number): MapMarker | undefined {
  const at = latLng(value);
  if (!at) return undefined;
  const raw = value as Record<string, unknown>;
  const out: MapMarker = { id: num(raw.id) ?? index, ...at };
  const title = text(raw.title);
  if (title !== undefined) out.title = title;
  const icon = text(raw.iconPath);
  if (icon !== undefined) out.iconPath = icon;
  const width = num(raw.width);
  const height = num(raw.height);
  if (width !== undefined) out.width = Math.min(200, Math.max(1, width));
  if (height !== undefined) out.height = Math.min(200, Math.max(1, height));
  for (const key of ['callout', 'label'] as const) {
    const bubble = raw[key];
    if (bubble && typeof bubble === 'object') out[key] = { content: text((bubble as Record<string, unknown>).content) };
  }
  return out;
}

function polyline(value: unknown): MapPolyline | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const raw = value as Record<string, unknown>;
  const points = list(raw.points, MAX_POINTS).map(latLng).filter((p): p is LatLng => p !== undefined);
  if (points.length < 2) return undefined;
  return { points, color: text(raw.color), width: num(raw.width), dottedLine: raw.dottedLine === true };
}

function circle(value: unknown): MapCircle | undefined {
  const at = latLng(value);
  const raw = value as Record<string, unknown>;
  const radius = num(raw?.radius);
  if (!at || radius === undefined || radius <= 0) return undefined;
  return { ...at, radius, color: text(raw.color), fillColor: text(raw.fillColor), strokeWidth: num(raw.strokeWidth) };
}

const clampScale = (scale: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

/** Web Mercator world pixels at zoom 0 (one 256-px tile). */
function world(at: LatLng): { x: number; y: number } {
  const sin = Math.min(0.9999, Math.max(-0.9999, Math.sin((at.latitude * Math.PI) / 180)));
  return { x: 256 * (0.5 + at.longitude / 360), y: 256 * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) };
}

function unworld(x: number, y: number): LatLng {
  const n = Math.PI - (2 * Math.PI * y) / 256;
  return { longitude: (x / 256) * 360 - 180, latitude: (180 / Math.PI) * Math.atan(Math.sinh(n)) };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function fail(error: number, errorMessage: string): ComponentAnswer {
  return { ok: false, error, errorMessage };
}

export class MapModel {
  center: LatLng = { ...DEFAULT_CENTER };
  scale = DEFAULT_SCALE;
  markers: MapMarker[] = [];
  polylines: MapPolyline[] = [];
  circles: MapCircle[] = [];
  showLocation = false;
  /** The box the map is drawn in (px). */
  box = { ...DEFAULT_BOX };
  private attrLatitude: number | undefined;
  private attrLongitude: number | undefined;
  private includeOnSet: LatLng[] | undefined;

  /** Applies a `<map>` attribute; true when what is drawn changed. */
  setAttr(name: string, value: unknown): boolean {
    switch (name) {
      case 'latitude':
      case 'longitude': {
        const n = num(value);
        if (name === 'latitude') this.attrLatitude = n;
        else this.attrLongitude = n;
        const at = latLng({ latitude: this.attrLatitude, longitude: this.attrLongitude });
        if (at) this.center = at;
        return true;
      }
      case 'scale':
        this.scale = clampScale(num(value) ?? DEFAULT_SCALE);
        return true;
      case 'markers':
        this.markers = list(value, MAX_SHAPES).map(marker).filter((m): m is MapMarker => m !== undefined);
        return true;
      case 'polyline':
        this.polylines = list(value, MAX_SHAPES).map(polyline).filter((p): p is MapPolyline => p !== undefined);
        return true;
      case 'circles':
        this.circles = list(value, MAX_SHAPES).map(circle).filter((c): c is MapCircle => c !== undefined);
        return true;
      case 'include-points': {
        const points = list(value, MAX_POINTS).map(latLng).filter((p): p is LatLng => p !== undefined);
        this.includeOnSet = points.length > 0 ? points : undefined;
        if (this.includeOnSet) this.fit(this.includeOnSet, [0, 0, 0, 0]);
        return true;
      }
      case 'show-location':
        this.showLocation = Boolean(value);
        return false;
      default:
        return false;
    }
  }

  /** The box changed (the DOM measured it): include-points is fitted again. */
  resize(width: number, height: number): void {
    if (!(width > 0 && height > 0)) return;
    this.box = { width, height };
    if (this.includeOnSet) this.fit(this.includeOnSet, [0, 0, 0, 0]);
  }

  /** Where `at` is drawn, in px from the box's top left. */
  project(at: LatLng): { x: number; y: number } {
    const k = 2 ** this.scale;
    const p = world(at);
    const c = world(this.center);
    return { x: (p.x - c.x) * k + this.box.width / 2, y: (p.y - c.y) * k + this.box.height / 2 };
  }

  /** The point drawn at (x, y). */
  unproject(x: number, y: number): LatLng {
    const k = 2 ** this.scale;
    const c = world(this.center);
    const at = unworld(c.x + (x - this.box.width / 2) / k, c.y + (y - this.box.height / 2) / k);
    return { latitude: round6(at.latitude), longitude: round6(at.longitude) };
  }

  /** Metres per px at the centre (for circles' radii). */
  metersPerPixel(): number {
    return (156543.03392 * Math.cos((this.center.latitude * Math.PI) / 180)) / 2 ** this.scale;
  }

  region(): { southwest: LatLng; northeast: LatLng } {
    return { southwest: this.unproject(0, this.box.height), northeast: this.unproject(this.box.width, 0) };
  }

  /** Centres on the points and takes the largest whole scale at which they all fit inside the padding. */
  fit(points: LatLng[], padding: number[]): void {
    if (points.length === 0) return;
    const [top = 0, right = top, bottom = top, left = right] = padding;
    const xs = points.map((p) => world(p).x);
    const ys = points.map((p) => world(p).y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    this.center = { ...unworld((minX + maxX) / 2, (minY + maxY) / 2) };
    this.center = { latitude: round6(this.center.latitude), longitude: round6(this.center.longitude) };
    const width = Math.max(1, this.box.width - left - right);
    const height = Math.max(1, this.box.height - top - bottom);
    let scale = MAX_SCALE;
    while (scale > MIN_SCALE && ((maxX - minX) * 2 ** scale > width || (maxY - minY) * 2 ** scale > height)) scale--;
    this.scale = scale;
  }

  /** The marker whose pin covers (x, y), topmost first. */
  markerAt(x: number, y: number): MapMarker | undefined {
    for (let i = this.markers.length - 1; i >= 0; i--) {
      const m = this.markers[i]!;
      const p = this.project(m);
      const w = m.width ?? 24;
      const h = m.height ?? 32;
      if (x >= p.x - w / 2 && x <= p.x + w / 2 && y >= p.y - h && y <= p.y) return m;
    }
    return undefined;
  }

  /** A MapContext method (the arguments as the app gave them, minus callbacks). */
  call(method: string, args: Record<string, unknown>): ComponentAnswer {
    switch (method) {
      case 'getCenterLocation':
      case 'getCurrentLocation':
        return { ok: true, result: { ...this.center } };
      case 'moveToLocation': {
        const at = latLng(args);
        // The static map does not know where the user is: only a given point can be moved to.
        if (!at) return fail(6000, 'MapContext.moveToLocation: 未允许定位 (mpk\'s static map has no user location: pass longitude and latitude)');
        this.center = at;
        this.scale = DEFAULT_SCALE;
        return { ok: true, result: {} };
      }
      case 'includePoints': {
        const points = list(args.points, MAX_POINTS).map(latLng).filter((p): p is LatLng => p !== undefined);
        if (points.length === 0) return fail(2, 'MapContext.includePoints: 参数无效: points has no point with longitude and latitude');
        this.fit(points, list(args.padding, 4).map((p) => num(p) ?? 0));
        return { ok: true, result: {} };
      }
      case 'getRegion':
        return { ok: true, result: this.region() };
      case 'getScale':
        return { ok: true, result: { scale: this.scale } };
      case 'getRotate':
        return { ok: true, result: { rotate: 0 } };
      case 'getSkew':
        return { ok: true, result: { skew: 0 } };
      case 'getMapProperties':
        return { ok: true, result: { ...this.center, scale: this.scale, rotate: 0, skew: 0, ...this.region() } };
      case 'changeMarkers':
        return this.changeMarkers(args);
      case 'translateMarker': {
        const id = num(args.markerId);
        const target = this.markers.find((m) => m.id === id);
        const to = latLng(args.destination);
        if (!target) return fail(2, `MapContext.translateMarker: 参数无效: no marker with id ${JSON.stringify(args.markerId)}`);
        if (!to) return fail(2, 'MapContext.translateMarker: 参数无效: destination needs longitude and latitude');
        // Static: the marker is at its destination at once (no animation frames to watch).
        Object.assign(target, to);
        return { ok: true, result: {} };
      }
      case 'mapToScreen': {
        const at = latLng(args);
        if (!at) return fail(2, 'MapContext.mapToScreen: 参数无效: needs longitude and latitude');
        const p = this.project(at);
        return { ok: true, result: { x: Math.round(p.x), y: Math.round(p.y) } };
      }
      case 'screenToMap': {
        const x = num(args.x);
        const y = num(args.y);
        if (x === undefined || y === undefined) return fail(2, 'MapContext.screenToMap: 参数无效: needs x and y');
        return { ok: true, result: { ...this.unproject(x, y) } };
      }
      default:
        return fail(1, `MapContext.${method}: not supported by mpk's static map (no routes, map types, gestures or animations)`);
    }
  }

  private changeMarkers(args: Record<string, unknown>): ComponentAnswer {
    const ids = (items: unknown[]) => new Set(items.map((m) => num((m as Record<string, unknown> | null)?.id)).filter((id) => id !== undefined));
    const remove = ids(list(args.remove, MAX_SHAPES));
    const updates = list(args.update, MAX_SHAPES);
    this.markers = this.markers.filter((m) => !remove.has(m.id));
    for (const raw of updates) {
      const id = num((raw as Record<string, unknown> | null)?.id);
      const index = this.markers.findIndex((m) => m.id === id);
      if (index < 0) continue;
      const next = marker({ ...this.markers[index], ...(raw as object) }, id!);
      if (next) this.markers[index] = next;
    }
    for (const [i, raw] of list(args.add, MAX_SHAPES).entries()) {
      if (this.markers.length >= MAX_SHAPES) break;
      const next = marker(raw, this.markers.length + i);
      if (next) this.markers.push(next);
    }
    return { ok: true, result: {} };
  }
}
