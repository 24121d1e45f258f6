import { describe, expect, it } from 'vitest';
import { parsePdfImagesList, parsePdfInfoPages } from '../../../src/scan/pdf-pages.ts';

// Real `pdfimages -list` output (poppler 22): a colour scan, a greyscale scan, an electronic seal
// with its soft mask, and a palette image.
const LIST = `page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio
--------------------------------------------------------------------------------------------
   1     0 image     993  1404  rgb     3   8  jpeg   no         3  0   120   120 80.1K 2.0%
   2     1 image     993  1404  gray    1   8  jpeg   no         6  0   120   120 77.7K 1.9%
   3     2 image     472   472  rgb     3   8  jpeg   no         4  0   300   300 20.8K 3.2%
   3     3 smask     472   472  gray    1   8  image  no         4  0   300   300 28.3K  13%
   4     4 image    2480  3508  gray    1   1  ccitt  no         9  0   300   300 50.2K 0.5%
   4     5 image     200   200  index   1   8  image  no        10  0    72    72  2.0K 5.0%
   5     6 image    2480  3508  icc     1   8  jpeg   no        12  0   300   300 90.0K 1.0%
`;

describe('pdf page layout from poppler', () => {
  it('reads the page count of pdfinfo', () => {
    expect(parsePdfInfoPages('Producer:        EPSON Scan\nPages:           3\nEncrypted:       no\n')).toBe(3);
    expect(parsePdfInfoPages('Syntax Error: broken\n')).toBeNull();
  });

  it('tells greyscale pages (every image one channel) from colour ones, and keeps the resolution', () => {
    const pages = parsePdfImagesList(LIST);
    expect(pages.get(1)).toEqual({ page: 1, images: 1, greyscale: false, ppi: 120 });
    expect(pages.get(2)).toEqual({ page: 2, images: 1, greyscale: true, ppi: 120 });
    // A soft mask is not an image of the page: the electronic seal is colour.
    expect(pages.get(3)).toEqual({ page: 3, images: 1, greyscale: false, ppi: 300 });
    // A palette may hold red: a bilevel scan beside a palette image is not greyscale.
    expect(pages.get(4)).toEqual({ page: 4, images: 2, greyscale: false, ppi: 300 });
    expect(pages.get(5)?.greyscale).toBe(true);
    expect(pages.has(6)).toBe(false);
  });
});
