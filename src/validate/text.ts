// Small text helpers shared by the rules: what counts as empty, how names are compared.

/** Empty means null or only whitespace (template instruction text is already null from the readers). */
export function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

/** Characters of trimmed text with line breaks excluded (code points, so 𠮷 counts once). */
export function countChars(text: string): number {
  return [...text.trim().replace(/[\r\n]+/g, '')].length;
}

/** Full-width folded (NFKC), whitespace removed: for "same text written differently". */
export function compactText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** Unit names: compact, brackets of any width dropped, Latin letters lower-cased. */
export function normalizeUnitName(name: string): string {
  return compactText(name)
    .replace(/[()[\]{}<>【】〔〕《》〈〉「」『』"'“”‘’]/g, '')
    .toLowerCase();
}

/** A category as written (`行业通识`, `行业通识数据集 `) mapped onto the option list when it fits. */
export function normalizeCategory(value: string, options: readonly string[]): string {
  const v = compactText(value);
  if (options.includes(v)) return v;
  const withSuffix = `${v}数据集`;
  return options.includes(withSuffix) ? withSuffix : v;
}
