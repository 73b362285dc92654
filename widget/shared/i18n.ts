import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type Lang = 'fr' | 'en';

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

/** People-readable messages for the server's stable reasons, shared by every element. */
export const reasons: Record<Lang, Record<string, string>> = {
  fr: {
    mission_closed: 'Cette mission est clôturée : elle ne peut plus être modifiée.',
    session_cancelled: 'Cette session a été annulée.',
    session_ended: 'Cette session est terminée.',
    session_full: 'Cette session est complète : il ne reste plus de place.',
    no_slot_left: "Toutes les places d'animateur·ice de cette session sont prises.",
    already_registered: 'Tu es déjà inscrit·e sur cette session.',
    not_of_compliant: "Seul·es les animateur·ices conformes OF peuvent intervenir sur cette session.",
    benevole_requires_enseignement: 'Le statut bénévole est réservé aux missions du secteur enseignement.',
    invalid_token: "Ce lien n'est pas valide : il a expiré, a déjà servi ou a été remplacé.",
    retributions_already_requested_this_month: 'Les rétributions ont déjà été demandées ce mois-ci.',
    nothing_to_request: "Il n'y a aucune rétribution à demander pour le moment.",
    sessions_not_ended: "Toutes les sessions n'ont pas encore eu lieu.",
    retributions_pending: 'Des rétributions restent à demander.',
    ends_before_start: "L'heure de fin doit être après l'heure de début.",
    rate_limited: 'Trop de tentatives : réessaie dans une minute.',
    invalid_email: 'Adresse email invalide.',
    unauthorized: 'Ta session a expiré : reconnecte-toi.',
    not_found: 'Introuvable.',
    invalid_input: 'Certaines informations sont invalides.',
    network: 'Le serveur ne répond pas. Vérifie ta connexion et réessaie.',
    database_unavailable: 'Le service est momentanément indisponible. Réessaie dans quelques instants.',
    invalid_claims: "Ton jeton de connexion n'est pas accepté (durée ou informations invalides) : reconnecte-toi depuis le portail.",
    identity_conflict: "Cette adresse email est déjà liée à un autre compte du portail : contacte l'association pour rattacher ton compte.",
    payload_too_large: 'Ta demande est trop volumineuse : raccourcis les textes ou la liste et réessaie.',
    batch_too_large: 'Trop de demandes envoyées ensemble : recharge la page et réessaie.',
    unknown: 'Une erreur inattendue est survenue. Réessaie.',
  },
  en: {
    mission_closed: 'This mission is closed: it can no longer be changed.',
    session_cancelled: 'This session was cancelled.',
    session_ended: 'This session has ended.',
    session_full: 'This session is full: no seat is left.',
    no_slot_left: 'Every facilitator slot of this session is taken.',
    already_registered: 'You are already registered on this session.',
    not_of_compliant: 'Only OF-compliant facilitators can work on this session.',
    benevole_requires_enseignement: 'Volunteer status is only for education-sector missions.',
    invalid_token: 'This link is not valid: it expired, was already used or was replaced.',
    retributions_already_requested_this_month: 'Retributions were already requested this month.',
    nothing_to_request: 'There is no retribution to request yet.',
    sessions_not_ended: 'Not every session has taken place yet.',
    retributions_pending: 'Some retributions are still to be requested.',
    ends_before_start: 'The end time must be after the start time.',
    rate_limited: 'Too many attempts: try again in a minute.',
    invalid_email: 'Invalid email address.',
    unauthorized: 'Your session expired: please sign in again.',
    not_found: 'Not found.',
    invalid_input: 'Some information is invalid.',
    network: 'The server does not answer. Check your connection and try again.',
    database_unavailable: 'The service is briefly unavailable. Try again in a moment.',
    invalid_claims: 'Your sign-in token was not accepted (lifetime or details invalid): sign in again from the portal.',
    identity_conflict: 'This email address is already linked to another portal account: contact the association to link your account.',
    payload_too_large: 'Your request is too large: shorten the texts or the list and try again.',
    batch_too_large: 'Too many requests sent together: reload the page and try again.',
    unknown: 'Something unexpected went wrong. Please try again.',
  },
};

/** The message for a reason in a language, falling back to the generic one. */
export function reasonMessage(lang: Lang, reason: string): string {
  return reasons[lang][reason] ?? reasons[lang].unknown;
}
