import { describe, expect, it } from 'vitest';
import { applyLevels, stretchLevels } from '../../../src/scan/ocr-levels.ts';

/** RGB pixels: mostly paper, some black text, some red seal ink over the paper and over the text. */
function page(): Uint8Array {
  const px: number[][] = [];
  for (let i = 0; i < 800; i++) px.push([250, 248, 246]);
  for (let i = 0; i < 100; i++) px.push([30, 30, 30]);
  for (let i = 0; i < 100; i++) px.push([205, 60, 55]);
  px.push([40, 20, 20]); // text under the seal
  return Uint8Array.from(px.flat());
}

describe('red channel with levels stretched', () => {
  it('turns seal ink white and keeps text, including text under the seal, dark', () => {
    const data = page();
    const levels = stretchLevels(data, 3, 0);
    const out = applyLevels(data, 3, 0, levels);
    expect(out[0]).toBe(255); // paper
    expect(out[800]).toBe(0); // black text
    expect(out[900]).toBe(255); // red ink
    expect(out[1000]).toBeLessThan(40); // black text under red ink
  });

  it('leaves a blank page alone', () => {
    const blank = new Uint8Array(300).fill(250);
    expect(stretchLevels(blank, 3, 0)).toEqual({ black: 0, white: 255 });
  });
});
