/** One list of reasons (domain/reasons.ts): the contract's, each with its code and words in both languages. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REASONS, REASON_CODES } from '../../domain/reasons.ts';
import { reasonTexts } from '../../domain/reason-texts.ts';

const apiMd = new URL('../../../shared/API.md', import.meta.url);

describe('reasons', () => {
  it.runIf(existsSync(apiMd))('holds every reason of API.md with the code the contract gives it', () => {
    const table = readFileSync(apiMd, 'utf8').split('## Stable reasons')[1].split('\n## ')[0];
    const rows = [...table.matchAll(/^\| `([a-z_]+)` \| ([A-Z_]+|\(in `refused`\))/gm)].map((m) => [m[1], m[2]]);
    expect(rows.length).toBeGreaterThan(25);
    for (const [reason, code] of rows) {
      expect(REASONS, reason).toContain(reason);
      if (!code.startsWith('(')) expect(REASON_CODES[reason as keyof typeof REASON_CODES], reason).toBe(code);
    }
  });

  it('gives every reason a French and an English text of its own', () => {
    for (const reason of REASONS) {
      expect(reasonTexts.fr[reason], reason).toMatch(/\S/);
      expect(reasonTexts.en[reason], reason).toMatch(/\S/);
      expect(reasonTexts.fr[reason], reason).not.toBe(reasonTexts.en[reason]);
    }
  });
});
