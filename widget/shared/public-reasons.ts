import { publicReasonTexts } from '../../domain/reason-texts.ts';
import type { Lang } from './i18n.ts';

/**
 * The message for a reason on the public pages (signup, check-in, survey), in vous, from the participants'
 * part of the reason texts only, so the public bundles do not carry the portal's texts.
 */
export function publicReasonMessage(lang: Lang, reason: string): string {
  const texts = publicReasonTexts[lang];
  return Object.prototype.hasOwnProperty.call(texts, reason) ? texts[reason as keyof typeof texts] : texts.unknown;
}
