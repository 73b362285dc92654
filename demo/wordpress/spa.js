// The page's own script, from its own origin (the CSP allows no inline script): like a single-page app,
// it inserts a <fresk-invite> long after the widget bundle has loaded.
const button = document.getElementById('insert-late');
button?.addEventListener('click', () => {
  const invite = document.createElement('fresk-invite');
  invite.setAttribute('code', button.dataset.code ?? '');
  invite.setAttribute('api', button.dataset.api ?? '');
  document.getElementById('late-slot')?.replaceChildren(invite);
});
document.addEventListener('fresk-registered', (event) => {
  console.info('fresk-registered', event.detail);
});
