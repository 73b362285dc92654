// The Custom Elements Manifest analyzer's configuration (`npm run build` runs it through kit/build.ts):
// the elements' classes and what they inherit; their JSDoc is the public API (attributes, events with
// their detail types, parts, CSS properties with defaults). test/server/elements.test.ts keeps it honest.
export default {
  globs: ['widget/*/*.ts', 'widget/shared/fresk-element.ts', 'widget/shared/token-page.ts'],
  exclude: ['widget/*/*.i18n.ts', 'widget/*/*.styles.ts', 'widget/shared/!(fresk-element|token-page).ts', 'widget/page/**', 'widget/events/**'],
  litelement: true,
  dependencies: false,
  packagejson: false,
};
