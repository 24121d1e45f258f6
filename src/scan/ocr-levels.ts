// Prepares a page for OCR: keep only the red channel, then stretch its levels. In the red channel
// red seal ink is nearly as light as the paper while black text stays dark, so the stretch that
// turns everything above 60 % of the way from ink to paper white removes the seal over the text
// (measured on the corpus scans: the code under the seal went from unreadable to read).

/** Where to cut: darkest ink (0.5th percentile) and 60 % of the way from it to the paper (median). */
export const PAPER_SHARE = 0.6;

export type Levels = { black: number; white: number };

function percentile(hist: Uint32Array, total: number, p: number): number {
  const target = total * p;
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v];
    if (acc >= target) return v;
  }
  return 255;
}

/** Levels of one channel (`channel` of `channels` interleaved samples). */
export function stretchLevels(data: Uint8Array, channels: number, channel = 0): Levels {
  const hist = new Uint32Array(256);
  for (let i = channel; i < data.length; i += channels) hist[data[i]]++;
  const total = Math.floor(data.length / channels);
  const black = percentile(hist, total, 0.005);
  const paper = percentile(hist, total, 0.5);
  // A blank or uniform page: nothing to stretch.
  if (paper - black < 16) return { black: 0, white: 255 };
  return { black, white: Math.round(black + PAPER_SHARE * (paper - black)) };
}

/** One channel with levels stretched: black and below to 0, white and above to 255. */
export function applyLevels(data: Uint8Array, channels: number, channel: number, levels: Levels): Uint8Array {
  const out = new Uint8Array(Math.floor(data.length / channels));
  const span = Math.max(1, levels.white - levels.black);
  for (let i = channel, j = 0; j < out.length; i += channels, j++) {
    const v = ((data[i] - levels.black) * 255) / span;
    out[j] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
  }
  return out;
}
