import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { fallbackFontsFor } from './fallback-fonts.ts';
import { regular } from './fonts.generated.ts';
import { KIND_HELD, KIND_IN_SENTENCE, KIND_LABELS, LOCATION_MODE_LABELS, type Lang } from '../../domain/enums/index.ts';
import type { SessionInfo } from '../emails/layout.ts';

/** Everything an attestation de présence says; snapshot values, so that the PDF is the same on every render. */
export interface AttestationData {
  lang: Lang;
  participantName: string;
  session: SessionInfo;
  organizationName: string;
  facilitators: string[];
  issuer: { name: string; ofNumber: string | null };
  /** Epoch ms: the date of issue printed, and the PDF's creation date. */
  issuedAt: number;
}

/** "3 h", "3 h 30", "1 h 05" (French and English alike), from two instants. */
export function durationLabel(startsAt: string, endsAt: string): string {
  const minutes = Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}

const fontBytes = (() => {
  let bytes: Uint8Array | null = null;
  return () => (bytes ??= Uint8Array.from(atob(regular), (c) => c.charCodeAt(0)));
})();

/**
 * fontkit parses each font once per isolate, not once per PDF: pdf-lib only asks it to `create` the font,
 * then subsets and lays out text from that object, which it does not change. Keyed by the bytes given
 * (the main font's, and the fallback files kept by fallback-fonts.ts).
 */
const cachedFontkit = (() => {
  const fonts = new WeakMap<Uint8Array, ReturnType<typeof fontkit.create>>();
  const create = (data: Uint8Array) => {
    let font = fonts.get(data);
    if (!font) fonts.set(data, (font = fontkit.create(data)));
    return font;
  };
  return { create } as typeof fontkit;
})();

/** Session dates as printed: "mardi 4 mars 2027, 09:00 – 12:00 (Europe/Paris)"; a session over several days gives both days. */
function datesLabel(d: AttestationData): string {
  const locale = d.lang === 'fr' ? 'fr-FR' : 'en-GB';
  const tz = d.session.timezone;
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: tz });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: tz });
  const start = new Date(d.session.startsAt);
  const end = new Date(d.session.endsAt);
  const sameDay = day.format(start) === day.format(end);
  return sameDay
    ? `${day.format(start)}, ${time.format(start)} – ${time.format(end)} (${tz})`
    : `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)} (${tz})`;
}

/** Breaks a text into lines that fit `width` at `size`; a word wider than a line (CJK has no spaces) breaks anywhere. */
function wrap(widthOf: (text: string, size: number) => number, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (widthOf(next, size) <= width) line = next;
      else if (widthOf(word, size) <= width) {
        lines.push(line);
        line = word;
      } else {
        for (const ch of line ? ` ${word}` : word) {
          if (line && widthOf(line + ch, size) > width) {
            lines.push(line);
            line = ch.trim();
          } else line += ch;
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The attestation de présence as an A4 PDF: issuer and training-organisation number, title, the
 * participant, the session (kind, title, client, dates in its time zone, duration, place), the
 * facilitators, the date of issue. One embedded, subset Unicode font, so any Latin, Greek or Cyrillic
 * name prints and the text stays extractable; Chinese, Japanese and Korean characters are drawn with
 * Noto Sans SC/JP/KR range files, embedded (subset) only when a text has some (fallback-fonts.ts).
 * Pure JS (pdf-lib): the same on Node and Workers.
 */
export async function attestationPdf(d: AttestationData): Promise<Uint8Array> {
  const fr = d.lang === 'fr';
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(cachedFontkit);
  // No glyph composition (ccmp): precomposed letters (ị, ễ) stay one glyph, so the text extracts as typed.
  const font = await doc.embedFont(fontBytes(), { subset: true, features: { ccmp: false } });
  const main = cachedFontkit.create(fontBytes());
  // Characters of the given texts the main font lacks → the fallback font that has them (first text first).
  const byCodePoint = new Map<number, PDFFont>();
  const embedded = new Map<string, PDFFont>();
  const given = [d.participantName, d.session.title ?? '', d.organizationName, ...d.facilitators, d.session.location.address ?? '', d.issuer.name, d.issuer.ofNumber ?? ''];
  for (const text of given) {
    const missing = [...new Set(Array.from(text, (c) => c.codePointAt(0)!))].filter((cp) => !byCodePoint.has(cp) && cp > 0x20 && !main.hasGlyphForCodePoint(cp));
    for (const [cp, { path, bytes }] of await fallbackFontsFor(text, missing)) {
      let f = embedded.get(path);
      if (!f) embedded.set(path, (f = await doc.embedFont(bytes, { subset: true })));
      byCodePoint.set(cp, f);
    }
  }
  /** The text cut into runs of one font each (pdf-lib draws one font per drawText). */
  const runs = (text: string) => {
    const out: { text: string; font: PDFFont }[] = [];
    for (const ch of text) {
      const f = byCodePoint.get(ch.codePointAt(0)!) ?? font;
      const last = out.at(-1);
      if (last?.font === f) last.text += ch;
      else out.push({ text: ch, font: f });
    }
    return out;
  };
  const widthOf = (text: string, size: number) => runs(text).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
  const draw = (text: string, x: number, y: number, size: number, color: ReturnType<typeof rgb>) => {
    for (const r of runs(text)) {
      page.drawText(r.text, { x, y, size, font: r.font, color });
      x += r.font.widthOfTextAtSize(r.text, size);
    }
  };
  const title = fr ? 'Attestation de présence' : 'Certificate of attendance';
  doc.setTitle(`${title} — ${d.participantName}`);
  doc.setAuthor(d.issuer.name);
  doc.setCreator('Fresk missions');
  doc.setProducer('Fresk missions');
  doc.setCreationDate(new Date(d.issuedAt));
  doc.setModificationDate(new Date(d.issuedAt));
  doc.setLanguage(fr ? 'fr-FR' : 'en-GB');

  const page: PDFPage = doc.addPage([595.28, 841.89]);
  const left = 64;
  const width = 595.28 - 2 * left;
  let y = 841.89 - 72;
  const ink = rgb(0.1, 0.1, 0.1);
  const grey = rgb(0.35, 0.35, 0.35);
  const green = rgb(0.043, 0.353, 0.235);
  const write = (text: string, size: number, color = ink, gap = 6) => {
    for (const line of wrap(widthOf, text, size, width)) {
      y -= size;
      draw(line, left, y, size, color);
      y -= gap;
    }
  };
  const colon = fr ? ' : ' : ': ';

  write(d.issuer.name, 13, green, 4);
  if (d.issuer.ofNumber) {
    write(fr ? `Organisme de formation — déclaration d'activité n° ${d.issuer.ofNumber}` : `Training organisation — registration no. ${d.issuer.ofNumber}`, 9.5, grey, 4);
  }
  y -= 40;
  write(title, 24, green, 10);
  page.drawLine({ start: { x: left, y }, end: { x: left + 120, y }, thickness: 2, color: green });
  y -= 30;

  const kind = KIND_IN_SENTENCE[d.lang][d.session.kind];
  const named = d.session.title ? ` « ${d.session.title} »` : '';
  const namedEn = d.session.title ? ` “${d.session.title}”` : '';
  write(fr ? `${d.issuer.name} atteste que` : `${d.issuer.name} certifies that`, 11.5);
  y -= 4;
  write(d.participantName, 18, ink, 10);
  write(
    fr
      ? `a participé à ${kind}${named} ${KIND_HELD.fr[d.session.kind]} pour ${d.organizationName}, dont voici le détail.`
      : `attended ${kind}${namedEn} ${KIND_HELD.en[d.session.kind]} for ${d.organizationName}, as detailed below.`,
    11.5,
  );
  y -= 16;

  const rows: [string, string][] = [
    [fr ? 'Session' : 'Session', `${KIND_LABELS[d.lang][d.session.kind]}${d.session.title ? ` — ${d.session.title}` : ''}`],
    [fr ? 'Client' : 'Client', d.organizationName],
    [fr ? 'Date' : 'Date', datesLabel(d)],
    [fr ? 'Durée' : 'Duration', durationLabel(d.session.startsAt, d.session.endsAt)],
    [
      fr ? 'Lieu' : 'Place',
      d.session.location.mode === 'online' ? LOCATION_MODE_LABELS[d.lang].online.toLowerCase() : (d.session.location.address ?? '').replace(/\s*\n\s*/g, ', '),
    ],
    [d.facilitators.length > 1 ? (fr ? 'Animé par' : 'Facilitators') : fr ? 'Animé par' : 'Facilitator', d.facilitators.join(', ') || '—'],
  ];
  for (const [k, v] of rows) write(`${k}${colon}${v}`, 11, ink, 7);

  y -= 30;
  const issued = new Intl.DateTimeFormat(fr ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: d.session.timezone }).format(new Date(d.issuedAt));
  write(fr ? `Fait le ${issued}, pour servir et valoir ce que de droit.` : `Issued on ${issued}.`, 11);
  write(fr ? `Pour ${d.issuer.name}` : `For ${d.issuer.name}`, 11, grey);

  page.drawText(fr ? 'Document émis par Fresk missions' : 'Issued through Fresk missions', { x: left, y: 40, size: 8, font, color: grey });
  return doc.save({ useObjectStreams: true });
}
