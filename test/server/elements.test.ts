// The custom elements manifest (the analyzer over the elements' JSDoc) must say what the code does: the CSS
// custom properties each element's styles read, with their defaults; the events it emits, typed as in
// widget/events/; its attributes, `lang` included. docs/elements.md must be the page generated from it.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze, elementsMarkdown, elementsOf, eventTypes, root, type ElementDeclaration } from '../../kit/elements.ts';

const out = mkdtempSync(join(tmpdir(), 'fresk-cem-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const manifest = analyze(out);
const elements = elementsOf(manifest);
const moduleOf = (e: ElementDeclaration) => manifest.modules.find((m) => m.declarations?.includes(e))!.path;
const source = (path: string) => readFileSync(join(root, path), 'utf8');

/** `var(--fresk-x, default)` read by a component file and the styles and theme files it imports, transitively. */
function cssRead(path: string): Record<string, string> {
  const found: Record<string, string> = {};
  const seen = new Set<string>();
  const visit = (file: string, top: boolean) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = source(file);
    if (top || /(styles|theme)\.ts$/.test(file)) {
      for (const [, name, value] of text.matchAll(/var\((--fresk-[a-z0-9-]+)\s*(?:,\s*([^;]+?))?\)\s*;/g)) found[name] ??= value;
    }
    for (const [, rel] of text.matchAll(/from '(\.[^']+)'/g)) {
      const next = normalize(join(dirname(file), rel));
      if (/(styles|theme)\.ts$/.test(next)) visit(next, false);
    }
  };
  visit(path, true);
  return found;
}

describe('custom-elements.json', () => {
  it('has every element defined in widget/', () => {
    // Every define file of a folder (`<name>.ts` beside `<name>.component.ts`): a folder may hold a family (the desk's screens).
    const defined = readdirSync(join(root, 'widget'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        readdirSync(join(root, 'widget', d.name))
          .filter((f) => existsSync(join(root, 'widget', d.name, f.replace(/\.ts$/, '.component.ts'))) && !f.includes('.component.'))
          .map((f) => join(root, 'widget', d.name, f)),
      )
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/customElements\.define\('([a-z-]+)'/g)].map((m) => m[1]))
      .sort();
    expect(elements.map((e) => e.tagName)).toEqual(defined);
  });

  it.each(elements.map((e) => [e.tagName!, e] as const))('%s: CSS properties and defaults are the ones its styles read', (_tag, e) => {
    const documented = Object.fromEntries((e.cssProperties ?? []).map((p) => [p.name, p.default]));
    expect(documented).toEqual(cssRead(moduleOf(e)));
  });

  it.each(elements.map((e) => [e.tagName!, e] as const))('%s: events are typed as in widget/events/ and include every one it emits', (_tag, e) => {
    const types = eventTypes();
    for (const ev of e.events ?? []) {
      expect(types.get(ev.name), ev.name).toBeDefined();
      expect(ev.type?.text, ev.name).toBe(types.get(ev.name)!.type);
      expect(ev.description, ev.name).toBeTruthy();
    }
    const text = source(moduleOf(e));
    const emitted = new Set([...text.matchAll(/emit\(this, '([a-z-]+)'/g)].map((m) => m[1]));
    if (/extends FreskElement/.test(text) && text.includes('this.failed(')) emitted.add('fresk-auth-required');
    expect((e.events ?? []).map((ev) => ev.name)).toEqual(expect.arrayContaining([...emitted]));
  });

  it('documents every event of widget/events/ on some element', () => {
    const documented = new Set(elements.flatMap((e) => (e.events ?? []).map((ev) => ev.name)));
    expect([...eventTypes().keys()].filter((name) => !documented.has(name))).toEqual([]);
  });

  it.each(elements.map((e) => [e.tagName!, e] as const))('%s: a summary, described attributes, and lang where it shows text', (tag, e) => {
    expect(e.summary || e.description).toBeTruthy();
    for (const a of e.attributes ?? []) expect(a.description, a.name).toBeTruthy();
    if (tag !== 'fresk-token') expect((e.attributes ?? []).map((a) => a.name)).toContain('lang');
  });

  it('is what package.json names, and docs/elements.md is generated from it', () => {
    expect(JSON.parse(source('package.json')).customElements).toBe('dist/custom-elements.json');
    expect(source('docs/elements.md'), 'run: node --import tsx kit/elements.ts').toBe(elementsMarkdown(manifest));
  });
});
