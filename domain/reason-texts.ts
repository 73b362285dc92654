import type { ClientReason, Reason } from './reasons.ts';

/**
 * What each reason says to people, in French and English, with what to do next. A reason without a text
 * does not compile. Facilitators read most of them (tu); those participants meet on public pages (signup,
 * check-in, survey) speak to them with vous.
 */
export type ReasonTexts = Record<Reason | ClientReason, string>;

/**
 * The reasons a participant can meet on the public pages and the signup widget (vous): kept apart so the
 * signup widget ships only these.
 */
export const PUBLIC_REASONS = [
  'session_cancelled',
  'session_ended',
  'session_full',
  'invalid_token',
  'rate_limited',
  'invalid_email',
  'name_required',
  'consent_required',
  'checkin_not_open',
  'checkin_closed',
  'survey_already_answered',
  'survey_closed',
  'payload_too_large',
  'invalid_input',
  'not_found',
  'database_unavailable',
  'network',
  'unknown'
] as const satisfies readonly (Reason | ClientReason)[];
export type PublicReasonTexts = Record<(typeof PUBLIC_REASONS)[number], string>;

const frPublic: PublicReasonTexts = {
  session_cancelled: 'Cette session a été annulée.',
  session_ended: 'Cette session est terminée.',
  session_full: 'Cette session est complète : il ne reste plus de place.',
  invalid_token: "Ce lien n'est pas valide : il a expiré, a déjà servi ou a été remplacé.",
  rate_limited: 'Trop de tentatives : réessayez dans une minute.',
  invalid_email: 'Adresse email invalide.',
  checkin_not_open: "L'enregistrement n'est pas encore ouvert : revenez 1 heure avant le début de la session.",
  checkin_closed: "L'enregistrement est fermé. Adressez-vous à l'animateur·ice de la session.",
  name_required: 'Indiquez votre nom pour être enregistré·e.',
  consent_required: 'Cochez la case de consentement pour être enregistré·e.',
  survey_already_answered: 'Vous avez déjà répondu à ce questionnaire. Merci !',
  survey_closed: 'Ce questionnaire est fermé (60 jours après la session).',
  payload_too_large: 'La demande est trop volumineuse : envoyez moins de données à la fois.',
  invalid_input: 'Certaines informations sont invalides.',
  not_found: 'Introuvable.',
  database_unavailable: 'Le service est momentanément indisponible. Réessayez dans quelques instants.',
  network: 'Le serveur ne répond pas. Vérifiez la connexion et réessayez.',
  unknown: 'Une erreur inattendue est survenue. Réessayez.',
};

// A pure call (not a spread) so bundles that use only the public texts drop these.
const fr: ReasonTexts = /* @__PURE__ */ Object.assign({}, frPublic, {
  mission_closed: 'Cette mission est clôturée : elle ne peut plus être modifiée.',
  no_slot_left: "Toutes les places d'animateur·ice de cette session sont prises.",
  already_registered: 'Tu es déjà inscrit·e sur cette session.',
  not_of_compliant: 'Seul·es les animateur·ices conformes OF peuvent intervenir sur cette session.',
  benevole_requires_enseignement: 'Le statut bénévole est réservé aux missions du secteur enseignement.',
  retributions_already_requested_this_month: 'Les rétributions ont déjà été demandées ce mois-ci.',
  nothing_to_request: "Il n'y a aucune rétribution à demander pour le moment.",
  sessions_not_ended: "Toutes les sessions n'ont pas encore eu lieu.",
  retributions_pending: 'Des rétributions restent à demander.',
  ends_before_start: "L'heure de fin doit être après l'heure de début.",
  invitation_for_someone_else:
    "Cette invitation est destinée à une autre adresse email. Connecte-toi avec l'adresse qui l'a reçue, ou demande au·à la coordinateur·ice de t'inviter.",
  session_started: 'Cette session a déjà commencé : tu ne peux plus te retirer. Préviens le·la coordinateur·ice.',
  attendance_not_open: "L'émargement n'est pas encore ouvert : il ouvre 2 heures avant le début de la session.",
  attendance_closed: "L'émargement de cette session est fermé (30 jours après la fin).",
  session_not_ended: 'Les attestations et questionnaires pourront être envoyés après la fin de la session.',
  nothing_to_send: 'Toutes les personnes présentes ont déjà reçu leur attestation : marque de nouvelles présences pour en envoyer.',
  mission_not_closed: "La mission n'est pas encore clôturée : elle ne peut pas être facturée.",
  batch_too_large: 'Trop de demandes envoyées ensemble : recharge la page et réessaie.',
  invalid_claims: "Ton jeton de connexion n'est pas accepté (durée ou informations invalides) : reconnecte-toi depuis le portail.",
  identity_conflict:
    "Cette adresse email est déjà liée à un autre compte du portail : contacte l'association pour rattacher ton compte.",
  unauthorized: 'Ta session a expiré : reconnecte-toi.',
  forbidden: "Cette action est réservée à l'équipe de l'association.",
  capacity_below_registrations:
    'Il y a déjà plus de participant·es inscrit·es que ce nombre de places : choisis un nombre plus grand, ou retire des inscriptions.',
  retribution_requested: 'Sa rétribution pour cette session est déjà demandée : son statut et sa place ne peuvent plus changer.',
  coordinates_open_mission: "Cette personne coordonne une mission en cours : confie la mission à quelqu'un d'autre d'abord.",
});

const enPublic: PublicReasonTexts = {
  session_cancelled: 'This session was cancelled.',
  session_ended: 'This session has ended.',
  session_full: 'This session is full: no seat is left.',
  invalid_token: 'This link is not valid: it expired, was already used or was replaced.',
  rate_limited: 'Too many attempts: try again in a minute.',
  invalid_email: 'Invalid email address.',
  checkin_not_open: 'Check-in is not open yet: come back 1 hour before the session starts.',
  checkin_closed: 'Check-in is closed. Please ask the session’s facilitator.',
  name_required: 'Enter your name to check in.',
  consent_required: 'Tick the consent box to check in.',
  survey_already_answered: 'You have already answered this survey. Thank you!',
  survey_closed: 'This survey is closed (60 days after the session).',
  payload_too_large: 'The request is too large: send less at a time.',
  invalid_input: 'Some information is invalid.',
  not_found: 'Not found.',
  database_unavailable: 'The service is briefly unavailable. Try again in a moment.',
  network: 'The server does not answer. Check your connection and try again.',
  unknown: 'Something unexpected went wrong. Please try again.',
};

// A pure call (not a spread) so bundles that use only the public texts drop these.
const en: ReasonTexts = /* @__PURE__ */ Object.assign({}, enPublic, {
  mission_closed: 'This mission is closed: it can no longer be changed.',
  no_slot_left: 'Every facilitator slot of this session is taken.',
  already_registered: 'You are already registered on this session.',
  not_of_compliant: 'Only OF-compliant facilitators can work on this session.',
  benevole_requires_enseignement: 'Volunteer status is only for education-sector missions.',
  retributions_already_requested_this_month: 'Retributions were already requested this month.',
  nothing_to_request: 'There is no retribution to request yet.',
  sessions_not_ended: 'Not every session has taken place yet.',
  retributions_pending: 'Some retributions are still to be requested.',
  ends_before_start: 'The end time must be after the start time.',
  invitation_for_someone_else: 'This invitation is for another email address. Sign in with the address that received it, or ask the coordinator to invite you.',
  session_started: 'This session has already started: you can no longer withdraw. Tell the coordinator.',
  attendance_not_open: 'Attendance is not open yet: it opens 2 hours before the session starts.',
  attendance_closed: 'Attendance for this session is closed (30 days after its end).',
  session_not_ended: 'Certificates and surveys can be sent once the session has ended.',
  nothing_to_send: 'Every present participant already got their certificate: mark new attendees to send more.',
  mission_not_closed: 'The mission is not closed yet: it cannot be invoiced.',
  batch_too_large: 'Too many requests sent together: reload the page and try again.',
  invalid_claims: 'Your sign-in token was not accepted (lifetime or details invalid): sign in again from the portal.',
  identity_conflict: 'This email address is already linked to another portal account: contact the association to link your account.',
  unauthorized: 'Your session expired: please sign in again.',
  forbidden: "This action is for the association's staff.",
  capacity_below_registrations: 'More participants are already registered than this number of seats: choose a larger number, or remove registrations.',
  retribution_requested: 'Their pay for this session was already requested: their status and place can no longer change.',
  coordinates_open_mission: 'This person coordinates an open mission: hand the mission to someone else first.',
});

export const reasonTexts: Record<'fr' | 'en', ReasonTexts> = { fr, en };
export const publicReasonTexts: Record<'fr' | 'en', PublicReasonTexts> = { fr: frPublic, en: enPublic };
