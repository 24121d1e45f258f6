// Photos and scans (jpg/png/...): kept and readable, no text (OCR is not part of this service).
import type { ParsedDocument } from '../types.ts';
import { imageType } from './magic.ts';
import { UnreadableError, type FileProbe, type FormatParser } from './parser.ts';

export const imageParser: FormatParser = {
  format: 'image',
  confidence(probe: FileProbe): number {
    if (imageType(probe.head)) return 1;
    return /\.(jpe?g|png|gif|bmp|tiff?|webp|heic)$/i.test(probe.filename) ? 0.2 : 0;
  },
  async parse(content: Buffer): Promise<ParsedDocument> {
    if (!imageType(content)) throw new UnreadableError('image: not a known image format', 'corrupt');
    return { format: 'image', blocks: [], text: '' };
  },
};
