// Bundle entry of dist/widget/fresk-invite.js: `<fresk-invite>` alone, for public pages.
import './fresk-invite/fresk-invite.ts';
