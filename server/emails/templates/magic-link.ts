import { button, colon, esc, frame, type Lang, type RenderContext, type Rendered } from '../layout.ts';

/** Sign-in link for facilitators who do not come through the portal: single use, 15 minutes. */
export interface MagicLinkData {
  tokenId: string;
  /** Where to land after signing in (a path on this server), e.g. `/join/<code>`. */
  next?: string;
  /** Land on this facilitator link's page: its secret is recomputed here, never stored (DESIGN.md). */
  nextJoinTokenId?: string;
}

/**
 * A path on this server, and nothing a browser could read as another origin: no `//`, no backslash
 * (`/\evil` is `//evil` to browsers), no whitespace or control characters (browsers drop tabs and line
 * breaks from URLs, so `/\t/evil` would become `//evil`).
 */
export const isLocalPath = (p: string | undefined): p is string => !!p && /^\/(?![/\\])[^\\\s\u0000-\u001f\u007f]*$/.test(p);

export async function magicLink(lang: Lang, d: MagicLinkData, ctx: RenderContext): Promise<Rendered> {
  const next = d.nextJoinTokenId ? `/join/${await ctx.secret(d.nextJoinTokenId)}` : d.next;
  const q = isLocalPath(next) ? `?next=${encodeURIComponent(next)}` : '';
  const link = `${ctx.appUrl}/auth/${await ctx.secret(d.tokenId)}${q}`;
  const fr = lang === 'fr';
  const subject = fr ? 'Ton lien de connexion Fresk missions' : 'Your Fresk missions sign-in link';
  const body = fr
    ? 'Clique sur ce lien pour te connecter. Il ne sert qu’une fois et expire dans 15 minutes. Si tu n’as rien demandé, ignore ce message.'
    : 'Click this link to sign in. It works once and expires in 15 minutes. If you did not ask for it, ignore this message.';
  const cta = fr ? 'Me connecter' : 'Sign in';
  return { subject, text: `${body}\n\n${cta}${colon(lang)}${link}\n`, html: frame(lang, subject, `<p>${esc(body)}</p>${button(link, cta)}`) };
}
