// Plays the portal: mints a demo token for the chosen person (demo mode only) and hands it to the widget.
const people = {
  admin: { sub: 'demo-admin', email: 'equipe@fresque-demo.org', name: 'Équipe association', role: 'admin' },
  camille: { sub: 'demo-camille', email: 'camille@fresque-demo.org', name: 'Camille Martin', role: 'facilitator', of: true },
  louis: { sub: 'demo-louis', email: 'louis@fresque-demo.org', name: 'Louis Bernard', role: 'facilitator', of: true },
  ines: { sub: 'demo-ines', email: 'ines@fresque-demo.org', name: 'Inès Haddad', role: 'facilitator', of: true },
  paul: { sub: 'demo-paul', email: 'paul@fresque-demo.org', name: 'Paul Renaud', role: 'facilitator', of: false },
};
const widget = document.getElementById('missions');
widget.setAttribute('api', location.origin);
const wp = document.getElementById('wordpress-link');
wp.href = `${location.protocol}//${location.hostname}:${Number(location.port || 80) + 1}/`;

async function signIn(key) {
  const res = await fetch('/dev/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(people[key]) });
  const { token } = await res.json();
  sessionStorage.setItem('fresk-demo-person', key);
  widget.setAttribute('token', token);
  for (const b of document.querySelectorAll('[data-person]')) b.setAttribute('aria-pressed', String(b.dataset.person === key));
}

for (const b of document.querySelectorAll('[data-person]')) b.addEventListener('click', () => signIn(b.dataset.person));
for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => widget.setAttribute('lang', b.dataset.lang));
widget.addEventListener('fresk-auth-required', () => signIn(sessionStorage.getItem('fresk-demo-person') || 'camille'));
signIn(sessionStorage.getItem('fresk-demo-person') || 'camille');
