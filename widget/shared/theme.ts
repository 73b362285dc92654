import { css } from 'lit';

/**
 * The public theme: each `--fresk-*` custom property read once, with its default, into a private `--_*`
 * one, so a value the host page sets on any ancestor is inherited and the defaults never mask it. Default
 * colours pass WCAG 2.2 AA (text ≥ 4.5:1, borders and focus ring ≥ 3:1). Declarations only: interpolated
 * into each element's `:host` rule (the portal's `baseStyles`, the signup widget's `inviteStyles`).
 */
export const themeTokens = css`
    --_font: var(--fresk-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--fresk-color-text, #1f2933);
    --_muted: var(--fresk-color-muted, #4a5562);
    --_bg: var(--fresk-color-background, #ffffff);
    --_surface: var(--fresk-color-surface, #f4f6f8);
    --_border: var(--fresk-color-border, #7b8794);
    --_primary: var(--fresk-color-primary, #0b5e57);
    --_on-primary: var(--fresk-color-on-primary, #ffffff);
    --_danger: var(--fresk-color-danger, #a8221b);
    --_success: var(--fresk-color-success, #1b6535);
    --_focus: var(--fresk-color-focus, #1a56c4);
    --_radius: var(--fresk-radius, 6px);
`;
