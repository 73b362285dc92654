/**
 * The server's icon, `/favicon.svg`, linked from every page it renders: a small globe in the product's
 * primary colour (--fresk-color-primary's default), readable at 16 px. Inline so the Worker serves it too.
 */
export const faviconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#0b5e57"/><path d="M16 3a13 13 0 0 0 0 26M16 3a13 13 0 0 1 0 26M16 3c-4.5 3.5-4.5 22.5 0 26M16 3c4.5 3.5 4.5 22.5 0 26M3.5 12h25M3.5 20h25" fill="none" stroke="#fff" stroke-width="1.6"/></svg>
`;

/** The `<link>` every page puts in its head. */
export const faviconLink = '<link rel="icon" href="/favicon.svg" type="image/svg+xml">';
