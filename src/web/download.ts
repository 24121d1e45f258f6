// Files from emails are untrusted: they are always sent as downloads (Content-Disposition:
// attachment, a generic type, nosniff, a sandboxing CSP), never rendered from our origin.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyReply } from 'fastify';

/** `attachment; filename="ascii"; filename*=UTF-8''…` with control and quoting characters removed. */
export function contentDisposition(filename: string): string {
  const clean = filename.replace(/[\u0000-\u001f\u007f"\\/]/g, '_').slice(0, 200) || 'file';
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(clean)}`;
}

export async function sendDownload(reply: FastifyReply, path: string, filename: string): Promise<FastifyReply> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return reply.code(404).type('text/plain; charset=utf-8').send('文件不在存储中');
  return reply
    .header('content-type', 'application/octet-stream')
    .header('content-disposition', contentDisposition(filename))
    .header('content-length', String(info.size))
    .header('content-security-policy', "sandbox; default-src 'none'")
    .send(createReadStream(path));
}
