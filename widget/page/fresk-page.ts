/**
 * The script of the server's own pages (`/missions`, `/join/<code>`, `/auth/<link>`): keeps the JWT a magic
 * link gave in localStorage and hands it to the portal elements. Host pages that mint their own token (the
 * association's portal) do not load this. No framework: it must stay tiny and CSP-safe.
 */
import { sameOriginPath } from './same-origin-path.ts';

const KEY = 'fresk-token';

interface Stored {
  token: string;
  expiresAt: string;
}

function stored(): Stored | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Stored | null;
    return value && Date.parse(value.expiresAt) > Date.now() ? value : null;
  } catch {
    return null;
  }
}

function elements(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('fresk-missions')];
}

async function exchange(secret: string): Promise<void> {
  const status = document.getElementById('fresk-auth-status');
  const en = document.documentElement.lang === 'en';
  try {
    const res = await fetch('/trpc/auth.exchange', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: secret }) });
    const body = await res.json();
    if (!res.ok) throw new Error(body?.error?.data?.reason ?? 'error');
    localStorage.setItem(KEY, JSON.stringify(body.result.data));
    const next = new URLSearchParams(location.search).get('next');
    location.replace(sameOriginPath(next, location.origin) ?? '/missions');
  } catch {
    if (status) {
      status.textContent = en
        ? 'This sign-in link is not valid any more (it works once, for 15 minutes). Ask for a new one.'
        : "Ce lien de connexion n'est plus valide (il sert une fois, pendant 15 minutes). Demandes-en un nouveau.";
      const a = document.createElement('a');
      a.href = '/missions';
      a.textContent = en ? 'Sign in' : 'Se connecter';
      status.after(a);
    }
  }
}

const match = /^\/auth\/([A-Za-z0-9_-]+)$/.exec(location.pathname);
if (match) {
  void exchange(match[1]);
} else {
  const session = stored();
  for (const el of elements()) {
    if (session) el.setAttribute('token', session.token);
    // A magic link asked for here brings the person back here (e.g. to the invitation they opened).
    el.setAttribute('return-path', location.pathname);
  }
  document.addEventListener('fresk-auth-required', () => {
    localStorage.removeItem(KEY);
    for (const el of elements()) el.removeAttribute('token');
  });
  // The widget's own sign-out, if it offers one.
  document.addEventListener('fresk-sign-out', () => localStorage.removeItem(KEY));
}
