// A one-time notice after an action (POST → redirect → GET): "已保存", an error the operator can
// fix, or a generated password shown once. Kept in a signed, HttpOnly cookie read and cleared by
// the next page, so nothing of it is in a URL (no crafted link can make the page say something).
import type { FastifyReply, FastifyRequest } from 'fastify';

const FLASH_COOKIE = 'intake_flash';

export type Flash = { ok: boolean; text: string };

export function setFlash(reply: FastifyReply, flash: Flash): FastifyReply {
  return reply.setCookie(FLASH_COOKIE, JSON.stringify(flash), { path: '/', httpOnly: true, sameSite: 'strict', signed: true, maxAge: 120 });
}

export function readFlash(req: FastifyRequest, reply: FastifyReply): Flash | null {
  const raw = req.cookies[FLASH_COOKIE];
  if (!raw) return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const v = JSON.parse(unsigned.value) as Flash;
    return typeof v.text === 'string' ? { ok: !!v.ok, text: v.text.slice(0, 500) } : null;
  } catch {
    return null;
  }
}

/** Redirect after a POST with a notice. */
export function redirectWith(reply: FastifyReply, to: string, flash: Flash): FastifyReply {
  return setFlash(reply, flash).redirect(to, 303);
}
