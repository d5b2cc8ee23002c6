/**
 * `map` (docs: 组件/地图 map, api/界面/地图/MapContext): a static, tile-free map. Nothing is fetched:
 * a plain grid stands for the ground, and what the attributes give — markers (an `iconPath` image or
 * a pin, with their callout / label text), polylines and circles — is drawn where the MapModel's
 * Web Mercator projection of `longitude`/`latitude`/`scale` (or `include-points`) puts it inside the
 * component's box. A click on a marker fires markerTap `{ markerId, latitude, longitude }` (and no
 * tap on the map); a tap elsewhere carries the point's `latitude` / `longitude` in its detail; MapContext calls arrive as `control` and redraw.
 */

import type { ComponentAnswer } from '../../../contract/renderer.ts';
import { MapModel, type MapMarker } from '../../map-model.ts';
import type { ComponentFactory } from '../types.ts';
import { toColor } from './util.ts';
import { cssZoomOf } from '../css-zoom.ts';

const SVG = 'http://www.w3.org/2000/svg';

export const map: ComponentFactory = (ctx) => {
  const doc = ctx.doc;
  const model = new MapModel();
  const host = doc.createElement('div');
  host.setAttribute('data-tag', 'map');
  const ground = doc.createElement('div');
  ground.className = 'mpk-map-ground';
  const shapes = doc.createElementNS(SVG, 'svg');
  shapes.setAttribute('class', 'mpk-map-shapes');
  const pins = doc.createElement('div');
  pins.className = 'mpk-map-pins';
  const scaleLabel = doc.createElement('div');
  scaleLabel.className = 'mpk-map-scale';
  host.append(ground, shapes, pins, scaleLabel);
  ctx.schedule();

  const pin = (marker: MapMarker): HTMLElement => {
    const at = model.project(marker);
    const width = marker.width ?? (marker.iconPath ? 24 : 22);
    const height = marker.height ?? (marker.iconPath ? 32 : 30);
    const element = doc.createElement('div');
    element.className = 'mpk-map-marker';
    element.setAttribute('data-marker-id', String(marker.id));
    element.style.left = `${at.x - width / 2}px`;
    element.style.top = `${at.y - height}px`;
    element.style.width = `${width}px`;
    element.style.height = `${height}px`;
    if (marker.title) element.title = marker.title;
    if (marker.iconPath) {
      const img = doc.createElement('img');
      img.src = ctx.resolveAsset(marker.iconPath);
      img.alt = marker.title ?? '';
      img.draggable = false;
      element.appendChild(img);
    } else {
      const drop = doc.createElement('div');
      drop.className = 'mpk-map-pin';
      element.appendChild(drop);
    }
    const text = marker.callout?.content ?? marker.label?.content;
    if (text) {
      const bubble = doc.createElement('div');
      bubble.className = marker.callout?.content ? 'mpk-map-callout' : 'mpk-map-label';
      bubble.textContent = text;
      element.appendChild(bubble);
    }
    element.addEventListener('click', (event) => {
      event.stopPropagation();
      ctx.dispatch('markerTap', { markerId: marker.id, latitude: marker.latitude, longitude: marker.longitude });
    });
    // A press on a pin is the marker's, not a tap on the map.
    element.addEventListener('pointerdown', (event) => event.stopPropagation());
    return element;
  };

  const draw = (): void => {
    shapes.replaceChildren();
    for (const line of model.polylines) {
      const points = line.points.map((p) => model.project(p)).map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
      const element = doc.createElementNS(SVG, 'polyline');
      element.setAttribute('points', points);
      element.setAttribute('fill', 'none');
      element.setAttribute('stroke', toColor(line.color) ?? '#1677ff');
      element.setAttribute('stroke-width', String(Math.min(40, Math.max(1, line.width ?? 3))));
      if (line.dottedLine) element.setAttribute('stroke-dasharray', '4 4');
      shapes.appendChild(element);
    }
    const perPixel = model.metersPerPixel();
    for (const circle of model.circles) {
      const at = model.project(circle);
      const element = doc.createElementNS(SVG, 'circle');
      element.setAttribute('cx', at.x.toFixed(1));
      element.setAttribute('cy', at.y.toFixed(1));
      element.setAttribute('r', Math.min(10000, circle.radius / perPixel).toFixed(1));
      element.setAttribute('fill', toColor(circle.fillColor) ?? 'rgba(22,119,255,0.15)');
      element.setAttribute('stroke', toColor(circle.color) ?? '#1677ff');
      element.setAttribute('stroke-width', String(Math.min(20, Math.max(0, circle.strokeWidth ?? 1))));
      shapes.appendChild(element);
    }
    pins.replaceChildren(...model.markers.map(pin));
    scaleLabel.textContent = `${model.center.latitude.toFixed(4)}, ${model.center.longitude.toFixed(4)} · scale ${model.scale}`;
  };

  /** The box as laid out now (include-points is fitted to it). */
  const measure = (): void => {
    const width = host.clientWidth;
    const height = host.clientHeight;
    if (width > 0 && height > 0 && (width !== model.box.width || height !== model.box.height)) model.resize(width, height);
  };

  // Where the last press landed, in the map's own px: a tap on the map reports that point (onTap { latitude, longitude }).
  let press: { x: number; y: number } | undefined;
  host.addEventListener('pointerdown', (event) => {
    const rect = host.getBoundingClientRect();
    const zoom = cssZoomOf(host);
    press = { x: (event.clientX - rect.left) / zoom, y: (event.clientY - rect.top) / zoom };
  });

  return {
    host,
    tapDetail() {
      return press ? { ...model.unproject(press.x, press.y) } : undefined;
    },
    setAttr(name, value) {
      if (model.setAttr(name, value)) ctx.schedule();
    },
    afterApply() {
      measure();
      draw();
    },
    control(method, args): ComponentAnswer {
      measure();
      const answer = model.call(method, args);
      if (answer.ok) draw();
      return answer;
    },
  };
};
