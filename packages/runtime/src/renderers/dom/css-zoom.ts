/**
 * The effective CSS zoom of an element. A host may scale the view (the simulator's "Fit" zoom sets
 * `zoom` on the phone): pointer events report viewport pixels, while the page is laid out in its
 * own, so coordinates and drag distances handed to the app are divided by this. `currentCSSZoom`
 * is Chromium 128+ / Firefox 126+; elsewhere 1 (no zoom support to correct for).
 */
export function cssZoomOf(element: Element): number {
  const zoom = (element as Element & { currentCSSZoom?: number }).currentCSSZoom;
  return typeof zoom === 'number' && zoom > 0 ? zoom : 1;
}
