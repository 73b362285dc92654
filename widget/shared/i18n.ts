import { reasonTexts } from '../../domain/reason-texts.ts';
import { isReason } from '../../domain/reasons.ts';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type { Lang } from '../../domain/enums/language.ts';
import type { Lang } from '../../domain/enums/language.ts';

/** Words every portal element says the same way: loading, retrying, the usual column headers. */
export interface CommonMessages {
  loading: string;
  retry: string;
  kind: string;
  email: string;
  client: string;
  status: string;
  where: string;
  name: string;
  date: string;
}

/** Spread first into an element's messages (`...common.fr`); the element's own keys come after. */
export const common: Record<Lang, CommonMessages> = {
  fr: { loading: 'Chargement…', retry: 'Réessayer', kind: 'Type', email: 'Email', client: 'Client', status: 'Statut', where: 'Lieu', name: 'Nom', date: 'Date' },
  en: { loading: 'Loading…', retry: 'Try again', kind: 'Type', email: 'Email', client: 'Client', status: 'Status', where: 'Place', name: 'Name', date: 'Date' },
};

/**
 * Reads the language of an element: its own `lang`, else the closest ancestor's (crossing shadow roots),
 * else French. Re-renders the host when `lang` changes on it.
 */
export class LocalizeController<T> implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly messages: Record<Lang, T>,
  ) {
    host.addController(this);
  }

  private observer?: MutationObserver;

  hostConnected(): void {
    this.observer ??= new MutationObserver(() => this.host.requestUpdate());
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  get lang(): Lang {
    let node: Node | null = this.host;
    while (node) {
      if (node instanceof HTMLElement && node.lang) return node.lang.toLowerCase().startsWith('en') ? 'en' : 'fr';
      node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
    }
    return 'fr';
  }

  /** The messages for the current language. */
  get t(): T {
    return this.messages[this.lang];
  }

  /** A date and time in the reader's locale, shown in the session's time zone. */
  dateTime(iso: string, timeZone = 'Europe/Paris', options: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'short' }): string {
    return new Intl.DateTimeFormat(this.lang === 'en' ? 'en-GB' : 'fr-FR', { ...options, timeZone }).format(new Date(iso));
  }
}

/** People-readable messages for the server's stable reasons, shared by every element (domain/reason-texts.ts). */
export const reasons = reasonTexts;

/** The message for a reason in a language; a reason this client does not know gets the generic one, no reason none. */
export function reasonMessage(lang: Lang, reason: string): string {
  if (!reason) return '';
  return (isReason(reason) || reason === 'network' ? reasons[lang][reason] : undefined) ?? reasons[lang].unknown;
}
