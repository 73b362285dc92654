// Bundle entry of dist/widget/fresk-day.js: the public pages of the day and after, `<fresk-checkin>` and
// `<fresk-survey>` (kept out of fresk-invite.js, whose budget is the signup form's).
import './fresk-checkin/fresk-checkin.ts';
import './fresk-survey/fresk-survey.ts';
