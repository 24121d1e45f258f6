// Turns the HTML that mammoth makes of a Word document into the format-independent Block model.
// Only the structure mammoth emits matters: top-level <p>/<h1..6>/<ul>/<ol>/<table>, cells with
// colspan/rowspan, paragraphs inside cells. Nested tables are flattened into their cell's text.
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { Block, Cell } from '../types.ts';

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li']);

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag';
}

function decodeText(node: ChildNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (!isElement(node)) return '';
  if (node.name === 'br') return '\n';
  return node.children.map(decodeText).join('');
}

/** Text of a container: one line per block-level child, inline runs joined. */
function containerText(el: Element): string {
  const lines: string[] = [];
  let inline = '';
  const flush = () => {
    if (inline.trim() !== '') lines.push(inline);
    inline = '';
  };
  for (const child of el.children) {
    if (
      isElement(child) &&
      (BLOCK_TAGS.has(child.name) ||
        child.name === 'table' ||
        child.name === 'ul' ||
        child.name === 'ol' ||
        child.name === 'tr' ||
        child.name === 'td')
    ) {
      flush();
      const text = child.name === 'p' || child.name.startsWith('h') || child.name === 'li' ? decodeText(child) : containerText(child);
      if (text.trim() !== '') lines.push(text);
    } else {
      inline += decodeText(child);
    }
  }
  flush();
  return lines.map((l) => l.replace(/[ \t\u00a0]+$/g, '').replace(/^[ \t\u00a0]+/g, '')).join('\n');
}

function tableRows(table: Element): Cell[][] {
  const rows: Cell[][] = [];
  const visit = (el: Element) => {
    for (const child of el.children) {
      if (!isElement(child)) continue;
      if (child.name === 'tr') {
        rows.push(
          child.children
            .filter(isElement)
            .filter((c) => c.name === 'td' || c.name === 'th')
            .map((td) => {
              const cell: Cell = { text: containerText(td) };
              const colspan = Number(td.attribs.colspan ?? 1);
              const rowspan = Number(td.attribs.rowspan ?? 1);
              if (colspan > 1) cell.colspan = colspan;
              if (rowspan > 1) cell.rowspan = rowspan;
              return cell;
            }),
        );
      } else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
        visit(child);
      }
    }
  };
  visit(table);
  return rows;
}

export function htmlToBlocks(html: string): Block[] {
  const doc = parseDocument(html, { decodeEntities: true });
  const blocks: Block[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (!isElement(node)) {
        const text = decodeText(node).trim();
        if (text) blocks.push({ type: 'paragraph', text });
        continue;
      }
      if (node.name === 'table') blocks.push({ type: 'table', rows: tableRows(node) });
      else if (node.name === 'ul' || node.name === 'ol') walk(node.children);
      else if (BLOCK_TAGS.has(node.name)) blocks.push({ type: 'paragraph', text: decodeText(node).trim() });
      else walk(node.children);
    }
  };
  walk(doc.children);
  return blocks.filter((b) => b.type === 'table' || b.text !== '');
}

/** Plain text of blocks: paragraphs as lines, table cells joined by tabs and rows by newlines. */
export function blocksToText(blocks: Block[]): string {
  return blocks
    .map((b) => (b.type === 'paragraph' ? b.text : b.rows.map((r) => r.map((c) => c.text.replace(/\n/g, ' ')).join('\t')).join('\n')))
    .join('\n');
}
