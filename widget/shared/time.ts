import { DEFAULT_TIME_ZONE, formatDuration, viewerWhen as inViewerZone } from '../../domain/time.ts';
import type { Lang } from './i18n.ts';

// Paris dates and a session's time in words live in domain/time.ts (imported from there); here only what
// depends on the browser's zone, and the widgets' defaults.

/** The browser's own time zone. */
export const viewerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || DEFAULT_TIME_ZONE;

/**
 * The same session in the viewer's own zone (the browser's by default), when that reads differently from
 * the session's zone; undefined when the clocks agree.
 */
export const viewerWhen = (lang: Lang, startsAt: string, endsAt: string, timeZone = DEFAULT_TIME_ZONE, viewer = viewerTimeZone()) =>
  inViewerZone(lang, startsAt, endsAt, timeZone, viewer);

/** "3 h 30", "2 jours". */
export const sessionDuration = (lang: Lang, startsAt: string, endsAt: string, timeZone = DEFAULT_TIME_ZONE) =>
  formatDuration(startsAt, endsAt, timeZone, lang);
