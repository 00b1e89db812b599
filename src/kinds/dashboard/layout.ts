/** The grid a dashboard lays its widgets on: 24 columns, rows as tall as needed. */
export const GRID_COLUMNS = 24;

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Placed extends Size {
  readonly x: number;
  readonly y: number;
}

/**
 * Places widgets left to right, top to bottom, as text flows: a widget that does not fit in what is
 * left of the row starts the next one, below the tallest widget of the row. A widget with its own x
 * and y keeps them and the flow continues beside it.
 */
export function flow(widgets: readonly (Size & { readonly x?: number; readonly y?: number })[]): Placed[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return widgets.map((w) => {
    if (w.x !== undefined && w.y !== undefined) return { x: w.x, y: w.y, width: w.width, height: w.height };
    if (x + w.width > GRID_COLUMNS) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const placed = { x, y, width: w.width, height: w.height };
    x += w.width;
    rowHeight = Math.max(rowHeight, w.height);
    return placed;
  });
}
