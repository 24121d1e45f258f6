// A document as the sequence of texts a reader meets: paragraph text (split at tabs, which
// plain-text extractors put between cells) and table cells row by row. A merged cell repeated
// across the columns it spans (SheetJS, some .doc readers) is met once.
import type { Block } from '../types.ts';

export type Token = {
  text: string;
  /** Index of the block the text comes from. */
  block: number;
  fromTable: boolean;
};

export function tokenStream(blocks: Block[]): Token[] {
  const tokens: Token[] = [];
  blocks.forEach((b, block) => {
    if (b.type === 'paragraph') {
      for (const part of b.text.split('\t')) {
        if (part.trim() !== '') tokens.push({ text: part.trim(), block, fromTable: false });
      }
      return;
    }
    for (const row of b.rows) {
      let previous: string | null = null;
      for (const cell of row) {
        const text = cell.text.trim();
        if (text === '' || text === previous) continue;
        previous = text;
        tokens.push({ text, block, fromTable: true });
      }
    }
  });
  return tokens;
}
