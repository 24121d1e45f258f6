// Renders an acknowledgement from the operator-editable templates in ACK_TEMPLATE_DIR
// (reply.txt.hbs, reply.html.hbs) with Handlebars: logic-less, so an edited template cannot run
// code, and HTML-escaping by default, so no text from an email (file names, the subject, a unit
// name) is ever rendered raw into the HTML part. The text part is plain text and not escaped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { AckView } from './ack-view.ts';

export type RenderedReply = { subject: string; text: string; html: string };

type Compiled = { text: HandlebarsTemplateDelegate<AckView>; html: HandlebarsTemplateDelegate<AckView> };

const cache = new Map<string, Compiled>();

function compile(dir: string): Compiled {
  const hb = Handlebars.create();
  hb.registerHelper('inc', (n: unknown) => Number(n) + 1);
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return {
    // strict: a misspelt field in an edited template fails loudly instead of rendering nothing.
    text: hb.compile<AckView>(read('reply.txt.hbs'), { strict: true, noEscape: true }),
    html: hb.compile<AckView>(read('reply.html.hbs'), { strict: true }),
  };
}

/** The subject line of a reply: `回复：` and the applicant's subject, as the bureau's mail client writes it. */
export function replySubject(original: string): string {
  return `回复：${original.replace(/[\r\n]+/g, ' ').trim()}`;
}

export function renderReply(view: AckView, templateDir: string): RenderedReply {
  let templates = cache.get(templateDir);
  if (!templates) {
    templates = compile(templateDir);
    cache.set(templateDir, templates);
  }
  const text = templates
    .text(view)
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { subject: replySubject(view.originalSubject), text: `${text}\n`, html: templates.html(view) };
}
