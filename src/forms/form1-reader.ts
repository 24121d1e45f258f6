// 附件1 基本信息征集表: label/value pairs across merged cells, one "案例N简要信息" block per case.
// The reader walks the document's texts in order; a value is everything met after a label up
// to the next label, so a cell split or repeated by a converter still reads the same.
import type { Block, Case, Submission } from '../types.ts';
import { isCaseKey, isLabelHint, matchLabel, type CaseKey, type LabelKey, type UnitKey } from './form1-labels.ts';
import { parseDeclaredDate, splitContact, splitDatasetName } from './form1-values.ts';
import { CATEGORIES, DIRECTIONS, INDUSTRIES, MODALITIES, canonicalCategory } from './options.ts';
import { parseGigabytes, parseRows } from './scales.ts';
import { valueOrNull } from './template-text.ts';
import { cleanText } from './text.ts';
import { readTicks, readYesNo } from './ticks.ts';
import { tokenStream } from './token-stream.ts';

/** The unit fields of the submission record, and the cases, as 附件1 gives them. */
export type Form1 = Omit<Submission, 'cases' | 'intro' | 'summary_rows'> & {
  cases: Case[];
  /** How many labels were recognized: picks the best of several 附件1 files. */
  labelCount: number;
};

type Fields<K extends string> = Map<K, string | null>;
type RawCase = { marker: string | null; fields: Fields<CaseKey> };

type Collected = { unit: Fields<UnitKey>; cases: RawCase[]; labelCount: number };

function collect(blocks: Block[]): Collected {
  const unit: Fields<UnitKey> = new Map();
  const cases: RawCase[] = [];
  let labelCount = 0;
  let marker: string | null = null;
  let pending: { key: LabelKey; parts: string[]; block: number; fromTable: boolean; closed: boolean } | null = null;

  const close = () => {
    if (!pending) return;
    const value = cleanText(pending.parts.join('\n'));
    const key = pending.key;
    pending = null;
    if (isCaseKey(key)) {
      const c = cases[cases.length - 1];
      if (!c.fields.get(key)) c.fields.set(key, value);
    } else if (key !== 'unit_section' && key !== 'case_marker' && key !== 'end') {
      if (!unit.get(key as UnitKey)) unit.set(key as UnitKey, value);
    }
  };

  const startCase = () => {
    cases.push({ marker, fields: new Map() });
  };

  for (const token of tokenStream(blocks)) {
    const label = matchLabel(token.text);
    if (!label) {
      if (!pending || pending.closed) continue;
      if (pending.parts.length === 0 && isLabelHint(token.text)) continue;
      // A value stays inside the table its label is in; after a paragraph label it runs on
      // through paragraphs (a PDF text layer or a flattened .doc has no tables).
      const sameSource = pending.fromTable ? token.block === pending.block : !token.fromTable;
      if (sameSource) pending.parts.push(token.text);
      else pending.closed = true;
      continue;
    }
    labelCount++;
    // A label repeated with its value ("负责人:张三" in the 负责人 value cell) continues the field.
    if (pending && !pending.closed && pending.key === label.key && pending.parts.length === 0 && label.inline) {
      pending.parts.push(label.inline);
      continue;
    }
    close();
    if (label.key === 'end' || label.key === 'unit_section') {
      continue;
    }
    if (label.key === 'case_marker') {
      const n = label.caseNumber ?? null;
      const current = cases[cases.length - 1];
      // The marker cell repeated on every row of its block (a converter that unmerges) is one case.
      if (current && current.marker === n) continue;
      marker = n;
      if (current && current.fields.size === 0) current.marker = n;
      else startCase();
      continue;
    }
    if (isCaseKey(label.key)) {
      const current = cases[cases.length - 1];
      // A field met twice without a marker between starts the next case.
      if (!current || current.fields.has(label.key)) {
        if (current) marker = null;
        startCase();
      }
      cases[cases.length - 1].fields.set(label.key, null);
    }
    pending = { key: label.key, parts: label.inline ? [label.inline] : [], block: token.block, fromTable: token.fromTable, closed: false };
  }
  close();
  return { unit, cases: cases.filter((c) => c.fields.size > 0), labelCount };
}

function toCase(f: Fields<CaseKey>): Case {
  const text = (k: CaseKey) => valueOrNull(f.get(k) ?? null);
  const dataset = splitDatasetName(text('dataset'));
  // A category row of its own: ticked boxes or the category written out.
  const categoryText = text('category');
  const categoryTicks = readTicks(categoryText, CATEGORIES);
  const category = categoryTicks.hasBoxes
    ? categoryTicks.ticked.length === 1
      ? categoryTicks.ticked[0]
      : null
    : canonicalCategory(categoryText);
  const structured = text('structured');
  const unstructured = text('unstructured');
  return {
    case_name: text('case_name'),
    dataset_name: dataset.name,
    dataset_category: dataset.category ?? category,
    structured_rows: parseRows(structured),
    structured_rows_text: structured,
    unstructured_gb: parseGigabytes(unstructured),
    unstructured_gb_text: unstructured,
    directions: readTicks(text('directions'), DIRECTIONS).ticked,
    industries: readTicks(text('industries'), INDUSTRIES).ticked,
    modalities: readTicks(text('modalities'), MODALITIES).ticked,
    agree_publicity: readYesNo(text('agree_publicity')),
    agree_listing: readYesNo(text('agree_listing')),
    listed_elsewhere: readYesNo(text('listed_elsewhere')),
    involves_personal_info: readYesNo(text('involves_personal_info')),
    supported_models: text('supported_models'),
    overview: text('overview'),
    scenarios: text('scenarios'),
  };
}

export function readForm1(blocks: Block[]): Form1 {
  const { unit, cases, labelCount } = collect(blocks);
  const get = (k: UnitKey) => valueOrNull(unit.get(k) ?? null);
  const contact = splitContact(get('contact'));
  return {
    unit_name: get('unit_name'),
    uscc: get('uscc'),
    unit_address: get('unit_address'),
    contact_name: contact.name,
    contact_title: get('contact_title') ?? contact.title,
    contact_phone: get('contact_phone') ?? contact.phone,
    declared_date: parseDeclaredDate(get('declared_date')),
    cases: cases.map((c) => toCase(c.fields)),
    labelCount,
  };
}
