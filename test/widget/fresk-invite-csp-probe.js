// Loaded first by the CSP test's iframe page, from the page's own origin (the policy allows 'self'):
// records every Content-Security-Policy violation and uncaught error, for the test to read.
window.cspViolations = [];
window.pageErrors = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample });
});
window.addEventListener('error', (event) => window.pageErrors.push(String(event.message)));
