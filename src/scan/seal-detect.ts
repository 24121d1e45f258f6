// Finds a red round seal (公章) on a colour page image: a connected red ring whose diameter is
// roughly 28–60 mm at the page's scale. Pure: pixels in, the ring found (or null) out.
//
// Why each step:
// - Red is judged per pixel by how much red stands above green and blue, not by a fixed colour,
//   so a seal faded toward the paper still counts while black text and grey shadows do not.
// - The page is cut into 0.5 mm cells, and a cell with any red pixel is red; the cells are then
//   grown by one, so the ring stays one piece where black text crosses it.
// - A component is a seal when its outline is round: along most directions from its centre, the
//   farthest red cell lies near one radius. A red heading is too flat, a tick too small, a red
//   rectangle's corners stick out (its outline matches a circle in only about half the
//   directions), a solid red disc has no hollow, and a riding seal (骑缝章) on a later page is
//   cut by the page edge, so only part of its circle is there.

export type RgbImage = { data: Uint8Array; width: number; height: number; channels: number };

export type SealRing = { centerXmm: number; centerYmm: number; diameterMm: number; roundness: number };

export type SealOptions = {
  /** Page scale. */
  pxPerMm: number;
  /** Seal diameters looked for (an official seal is 38–45 mm; 28–60 leaves room for others). */
  minMm?: number;
  maxMm?: number;
  /** Extra tolerance on the size when the scale is only estimated (a phone photo). */
  sizeSlack?: number;
};

const CELL_MM = 0.5;
const DIRECTIONS = 72;
/** Share of directions whose outline lies on the circle. */
const MIN_ROUNDNESS = 0.75;
/** Outline distance accepted as "on the circle", as a share of the radius. */
const RING_BAND: readonly [number, number] = [0.82, 1.12];
/** A hollow ring: at most this share of the cells well inside it is red. */
const MAX_INNER_FILL = 0.85;
const MAX_ASPECT = 1.3;

/** Red enough to be seal ink: red clearly above green and blue, and not dark. */
export function isRedPixel(r: number, g: number, b: number): boolean {
  const lift = r - Math.max(g, b);
  return r >= 110 && lift >= 28 && lift >= 0.15 * r;
}

type Grid = { cols: number; rows: number; red: Uint8Array };

function redCells(img: RgbImage, cellPx: number): Grid {
  const cols = Math.ceil(img.width / cellPx);
  const rows = Math.ceil(img.height / cellPx);
  const red = new Uint8Array(cols * rows);
  const { data, width, height, channels } = img;
  for (let y = 0; y < height; y++) {
    const rowBase = Math.floor(y / cellPx) * cols;
    for (let x = 0, i = y * width * channels; x < width; x++, i += channels) {
      if (isRedPixel(data[i], data[i + 1], data[i + 2])) red[rowBase + Math.floor(x / cellPx)] = 1;
    }
  }
  return { cols, rows, red };
}

function grow(grid: Grid): Uint8Array {
  const { cols, rows, red } = grid;
  const out = new Uint8Array(red.length);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      if (!red[y * cols + x]) continue;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= rows) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < cols) out[yy * cols + xx] = 1;
        }
      }
    }
  }
  return out;
}

type Component = { id: number; minX: number; minY: number; maxX: number; maxY: number };

/** 8-connected components of the grown red cells; `labels` holds each cell's component id + 1. */
function components(cols: number, rows: number, cells: Uint8Array): { labels: Int32Array; list: Component[] } {
  const labels = new Int32Array(cells.length);
  const list: Component[] = [];
  const stack: number[] = [];
  for (let start = 0; start < cells.length; start++) {
    if (!cells[start] || labels[start]) continue;
    const c: Component = { id: list.length + 1, minX: cols, minY: rows, maxX: -1, maxY: -1 };
    labels[start] = c.id;
    stack.push(start);
    while (stack.length > 0) {
      const at = stack.pop() as number;
      const x = at % cols;
      const y = (at - x) / cols;
      if (x < c.minX) c.minX = x;
      if (x > c.maxX) c.maxX = x;
      if (y < c.minY) c.minY = y;
      if (y > c.maxY) c.maxY = y;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= rows) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= cols) continue;
          const n = yy * cols + xx;
          if (cells[n] && !labels[n]) {
            labels[n] = c.id;
            stack.push(n);
          }
        }
      }
    }
    list.push(c);
  }
  return { labels, list };
}

/** Share of directions in which the component's farthest cell lies on the circle. */
function roundness(c: Component, cols: number, labels: Int32Array, cx: number, cy: number, radius: number): number {
  const farthest = new Float64Array(DIRECTIONS);
  for (let y = c.minY; y <= c.maxY; y++) {
    for (let x = c.minX; x <= c.maxX; x++) {
      if (labels[y * cols + x] !== c.id) continue;
      const dx = x - cx;
      const dy = y - cy;
      const d = Math.hypot(dx, dy);
      const bin = Math.floor(((Math.atan2(dy, dx) + Math.PI) / (2 * Math.PI)) * DIRECTIONS) % DIRECTIONS;
      if (d > farthest[bin]) farthest[bin] = d;
    }
  }
  let onCircle = 0;
  for (const d of farthest) if (d >= RING_BAND[0] * radius && d <= RING_BAND[1] * radius) onCircle++;
  return onCircle / DIRECTIONS;
}

/** Share of red (ungrown) cells inside half the radius: near 1 for a solid disc. */
function innerFill(grid: Grid, cx: number, cy: number, radius: number): number {
  let red = 0;
  let all = 0;
  const r = radius * 0.5;
  for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(grid.rows - 1, Math.ceil(cy + r)); y++) {
    for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(grid.cols - 1, Math.ceil(cx + r)); x++) {
      if (Math.hypot(x - cx, y - cy) > r) continue;
      all++;
      red += grid.red[y * grid.cols + x];
    }
  }
  return all === 0 ? 1 : red / all;
}

/** The roundest seal-sized red ring on the page, or null when there is none. */
export function findSeal(img: RgbImage, opts: SealOptions): SealRing | null {
  const slack = opts.sizeSlack ?? 0.1;
  const minMm = (opts.minMm ?? 28) * (1 - slack);
  const maxMm = (opts.maxMm ?? 60) * (1 + slack);
  const cellPx = Math.max(1, Math.round(opts.pxPerMm * CELL_MM));
  const cellMm = cellPx / opts.pxPerMm;
  const grid = redCells(img, cellPx);
  const grown = grow(grid);
  const { labels, list } = components(grid.cols, grid.rows, grown);
  let best: SealRing | null = null;
  for (const c of list) {
    const wMm = (c.maxX - c.minX + 1) * cellMm;
    const hMm = (c.maxY - c.minY + 1) * cellMm;
    if (wMm < minMm || hMm < minMm || wMm > maxMm || hMm > maxMm) continue;
    if (Math.max(wMm, hMm) / Math.min(wMm, hMm) > MAX_ASPECT) continue;
    const cx = (c.minX + c.maxX) / 2;
    const cy = (c.minY + c.maxY) / 2;
    const radius = (c.maxX - c.minX + c.maxY - c.minY + 2) / 4;
    const round = roundness(c, grid.cols, labels, cx, cy, radius);
    if (round < MIN_ROUNDNESS || innerFill(grid, cx, cy, radius) > MAX_INNER_FILL) continue;
    if (!best || round > best.roundness) {
      best = { centerXmm: (cx + 0.5) * cellMm, centerYmm: (cy + 0.5) * cellMm, diameterMm: (wMm + hMm) / 2, roundness: round };
    }
  }
  return best;
}
