import { describe, expect, it } from 'vitest';
import { findSeal, isRedPixel } from '../../../src/scan/seal-detect.ts';
import { formSvg, pagePixels, SEAL_RED, sealSvg } from './page-images.ts';

const PPI = 100;
const find = async (body: string, ppi = PPI) => findSeal(await pagePixels(body, ppi), { pxPerMm: ppi / 25.4 });

describe('findSeal', () => {
  it('finds a round red seal stamped over the form, with its size and place', async () => {
    const ring = await find(formSvg() + sealSvg(120, 90));
    expect(ring).not.toBeNull();
    expect(ring!.diameterMm).toBeGreaterThan(37);
    expect(ring!.diameterMm).toBeLessThan(43);
    expect(Math.abs(ring!.centerXmm - 120)).toBeLessThan(2);
    expect(Math.abs(ring!.centerYmm - 90)).toBeLessThan(2);
  });

  it('finds seals from 30 to 58 mm, and at a scan resolution of 120 ppi', async () => {
    expect(await find(sealSvg(60, 200, 30))).not.toBeNull();
    expect(await find(sealSvg(100, 150, 58))).not.toBeNull();
    expect(await find(formSvg() + sealSvg(150, 230), 120)).not.toBeNull();
  });

  it('still finds a seal faded half-way toward the paper', async () => {
    // #dc1e28 blended 50 % with the paper.
    expect(await find(formSvg() + sealSvg(120, 90, 42, '#eb8c91'))).not.toBeNull();
  });

  it('is not fooled by red headings, ticks, rectangles, discs or rings of the wrong size', async () => {
    const heading = `<rect x="30" y="20" width="150" height="9" fill="${SEAL_RED}"/><rect x="40" y="32" width="130" height="9" fill="${SEAL_RED}"/>`;
    const ticks = Array.from(
      { length: 6 },
      (_, i) => `<path d="M${40 + i * 20},100 l3,4 l6,-8" stroke="${SEAL_RED}" stroke-width="1" fill="none"/>`,
    ).join('');
    const square = `<rect x="80" y="120" width="40" height="40" fill="none" stroke="${SEAL_RED}" stroke-width="1.2"/>`;
    const disc = `<circle cx="60" cy="240" r="20" fill="${SEAL_RED}"/>`;
    const small = `<circle cx="160" cy="240" r="8" fill="none" stroke="${SEAL_RED}" stroke-width="1"/>`;
    const big = `<circle cx="105" cy="200" r="45" fill="none" stroke="${SEAL_RED}" stroke-width="1.2"/>`;
    expect(await find(formSvg() + heading + ticks + square + disc + small)).toBeNull();
    expect(await find(big)).toBeNull();
  });

  it('does not take a riding seal (骑缝章) cut by the page edge for a seal', async () => {
    // The slice of a seal stamped across the pages' edge: a third of it on this page.
    expect(await find(formSvg() + sealSvg(205, 150))).toBeNull();
    expect(await find(formSvg() + sealSvg(-5, 150))).toBeNull();
  });

  it('judges red by how far red stands above green and blue', () => {
    expect(isRedPixel(220, 30, 40)).toBe(true);
    expect(isRedPixel(235, 140, 145)).toBe(true);
    expect(isRedPixel(30, 30, 30)).toBe(false);
    expect(isRedPixel(250, 240, 235)).toBe(false);
    expect(isRedPixel(90, 20, 20)).toBe(false);
  });
});
