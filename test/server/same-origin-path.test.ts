import { describe, expect, it } from 'vitest';
import { sameOriginPath } from '../../widget/page/same-origin-path.ts';

const origin = 'https://missions.asso.example';
/** What the page reads: URLSearchParams decodes the query string as a browser does. */
const nextOf = (query: string) => new URLSearchParams(query).get('next');

describe('after a magic-link sign-in the page only goes to a path of its own origin', () => {
  it.each(['?next=/%5Cevil.example', '?next=/%09/evil.example', '?next=//evil.example', '?next=https://evil.example/', '?next=/%0a/evil.example', '?next=%2F%2Fevil.example', '?next=javascript:alert(1)', '?next=/\\\\evil.example'])(
    'refuses %s',
    (query) => {
      expect(sameOriginPath(nextOf(query), origin)).toBeNull();
    },
  );

  it('keeps a path of this origin', () => {
    expect(sameOriginPath(nextOf('?next=%2Fjoin%2Fabc123'), origin)).toBe('/join/abc123');
    expect(sameOriginPath('/missions/42?tab=p#x', origin)).toBe('/missions/42?tab=p#x');
  });
});
