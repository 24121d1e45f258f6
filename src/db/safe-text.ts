// PostgreSQL cannot store some strings JavaScript holds: text and jsonb reject U+0000 ("invalid
// byte sequence for encoding UTF8: 0x00", "unsupported Unicode escape sequence") and jsonb rejects
// a lone UTF-16 surrogate. Applicants' mail carries both (a NUL in a subject, a file name, a
// spreadsheet cell), and one such character used to fail the whole email for good. Everything
// bound for the database passes through here once and gets U+FFFD in their place instead.

/** U+0000, a high surrogate not followed by a low one, a low surrogate not preceded by a high one. */
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function safeString(s: string): string {
  return s.replace(UNSAFE, '\uFFFD');
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Every string in `value`, deep through arrays and plain objects (keys too), made storable.
 * Buffers, Dates and other class instances are kept as they are (file bytes are stored as blobs,
 * not text). Copy on write: a part with nothing to replace is returned as the same object.
 */
export function safeText<T>(value: T): T {
  return clean(value, new WeakMap()) as T;
}

function clean(v: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof v === 'string') return safeString(v);
  if (v === null || typeof v !== 'object') return v;
  if (seen.has(v)) return seen.get(v);
  if (Array.isArray(v)) {
    seen.set(v, v);
    let out: unknown[] | null = null;
    v.forEach((item, i) => {
      const c = clean(item, seen);
      if (c !== item) (out ??= v.slice())[i] = c;
    });
    seen.set(v, out ?? v);
    return out ?? v;
  }
  if (!isPlainObject(v)) return v;
  seen.set(v, v);
  let out: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(v)) {
    const k = safeString(key);
    const c = clean(item, seen);
    if (k !== key || c !== item) {
      out ??= { ...(v as Record<string, unknown>) };
      if (k !== key) delete out[key];
      out[k] = c;
    }
  }
  seen.set(v, out ?? v);
  return out ?? v;
}
