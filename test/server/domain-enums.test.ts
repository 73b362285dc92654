/**
 * One list per enumeration (domain/enums/): the zod inputs, the drizzle columns, the OpenAPI document and
 * API.md's "Enumerations" all say the same values, and every value has French and English words.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as enums from '../../domain/enums/index.ts';
import {
  ATTENDANCES,
  CHECKED_IN_BY,
  FACILITATOR_STATUSES,
  FOLLOW_UP_TAGS,
  INVITATION_KINDS,
  INVITATION_STATES,
  KINDS,
  LANGUAGES,
  LOCATION_MODES,
  MISSION_STATUSES,
  OF_FILTERS,
  REGISTRATION_STATUSES,
  REQUEST_STATUSES,
  RETRIBUTIONS,
  RETRIBUTION_TAGS,
  ROLES,
  SECTORS,
  SESSION_LINKS,
  SESSION_STATUSES,
  SOURCES,
} from '../../domain/enums/index.ts';
import { missions, orderLines, organizations, outbox, registrations, sessionFacilitators, sessions } from '../../schema/index.ts';
import { openApiDocument } from '../../server/openapi.ts';
import * as v from '../../server/validation.ts';

const apiMd = new URL('../../../shared/API.md', import.meta.url);

describe('the enumerations of domain/enums/', () => {
  it('are what the zod inputs accept', () => {
    expect(v.kind.options).toEqual([...KINDS]);
    expect(v.sector.options).toEqual([...SECTORS]);
    expect(v.facilitatorStatus.options).toEqual([...FACILITATOR_STATUSES]);
    expect(v.language.options).toEqual([...LANGUAGES]);
    expect(v.attendance.options).toEqual([...ATTENDANCES]);
    expect(v.sessionLink.options).toEqual([...SESSION_LINKS]);
    expect(v.ofFilter.options).toEqual([...OF_FILTERS]);
    expect(v.requestStatus.options).toEqual([...REQUEST_STATUSES]);
    expect(v.location.options.map((o) => o.shape.mode.value)).toEqual([...LOCATION_MODES]);
  });

  it('are what the database columns hold', () => {
    expect(sessions.kind.enumValues).toEqual([...KINDS]);
    expect(orderLines.kind.enumValues).toEqual([...KINDS]);
    expect(organizations.sector.enumValues).toEqual([...SECTORS]);
    expect(missions.status.enumValues).toEqual([...MISSION_STATUSES]);
    expect(sessions.status.enumValues).toEqual([...SESSION_STATUSES]);
    expect(sessions.locationMode.enumValues).toEqual([...LOCATION_MODES]);
    expect(sessions.language.enumValues).toEqual([...LANGUAGES]);
    expect(outbox.lang.enumValues).toEqual([...LANGUAGES]);
    expect(sessionFacilitators.status.enumValues).toEqual([...FACILITATOR_STATUSES]);
    expect(registrations.source.enumValues).toEqual([...SOURCES]);
    expect(registrations.attendance.enumValues).toEqual([...ATTENDANCES]);
    expect(registrations.checkedInBy.enumValues).toEqual([...CHECKED_IN_BY]);
  });

  it('are what the OpenAPI document tells integrators', () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    /** Every `enum` (or the `const`s of a union) found under `property` in a procedure's description. */
    const enumsOf = (procedure: string, property: string): unknown[][] => {
      const found: unknown[][] = [];
      const walk = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        for (const [key, value] of Object.entries(node)) {
          if (key === 'properties' && value && typeof value === 'object' && property in value) {
            const p = (value as Record<string, { enum?: unknown[]; anyOf?: { const?: unknown }[] }>)[property];
            if (p.enum) found.push(p.enum);
          }
          walk(value);
        }
      };
      walk(doc.paths[`/trpc/${procedure}`]);
      return found;
    };
    const modes = (procedure: string): unknown[] => {
      const consts: unknown[] = [];
      const walk = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        const n = node as { properties?: { mode?: { const?: unknown; enum?: unknown[] } } };
        if (n.properties?.mode) consts.push(...(n.properties.mode.enum ?? [n.properties.mode.const]));
        for (const value of Object.values(node)) walk(value);
      };
      walk(doc.paths[`/trpc/${procedure}`]);
      return consts;
    };
    expect(enumsOf('sessions.create', 'kind')).toEqual([[...KINDS]]);
    expect(enumsOf('sessions.create', 'language')).toEqual([[...LANGUAGES]]);
    expect(modes('sessions.create')).toEqual([...LOCATION_MODES]);
    expect(enumsOf('admin.createMission', 'kind')).toEqual([[...KINDS]]);
    expect(enumsOf('admin.createMission', 'sector')).toEqual([[...SECTORS]]);
    expect(enumsOf('admin.updateOrder', 'kind')).toEqual([[...KINDS]]);
    expect(enumsOf('facilitators.setStatus', 'status')).toEqual([[...FACILITATOR_STATUSES]]);
    expect(enumsOf('attendance.mark', 'attendance')).toEqual([[...ATTENDANCES]]);
    expect(enumsOf('sessions.regenerateLink', 'link')).toEqual([[...SESSION_LINKS]]);
    expect(enumsOf('admin.facilitators', 'of')).toEqual([[...OF_FILTERS]]);
    expect(enumsOf('admin.retributionRequests', 'status')).toEqual([[...REQUEST_STATUSES]]);
    expect(enumsOf('admin.missions', 'status')).toEqual([[...MISSION_STATUSES, 'invoiced']]);
  });

  it.runIf(existsSync(apiMd))('are the enumerations API.md lists', () => {
    const text = readFileSync(apiMd, 'utf8');
    const paragraph = text.split('\nEnumerations: ')[1].split('\n\n')[0].replace(/\s+/g, ' ');
    /** `name` ∈ `a`, `b` … — the values after the ∈ of each clause, by the words before it. */
    const listed = new Map(
      paragraph
        .split(';')
        .map((clause) => clause.split('∈'))
        .filter((parts) => parts.length === 2)
        .map(([name, values]) => [name.trim().replace(/`/g, ''), [...values.matchAll(/`([^`]+)`/g)].map((m) => m[1])]),
    );
    const expected: Record<string, readonly string[]> = {
      sector: SECTORS,
      kind: KINDS,
      'location.mode': LOCATION_MODES,
      'facilitator status': FACILITATOR_STATUSES,
      'session status': SESSION_STATUSES,
      'mission status': MISSION_STATUSES,
      'retribution (per facilitator on a session)': RETRIBUTIONS,
      'retributionTag (per session)': RETRIBUTION_TAGS,
      'participant source': SOURCES,
      attendance: ATTENDANCES,
      checkedInBy: CHECKED_IN_BY,
      'followUpTag (per session)': FOLLOW_UP_TAGS,
      'registration status': REGISTRATION_STATUSES,
      'invitation state': INVITATION_STATES,
      'admin.facilitators of filter': OF_FILTERS,
    };
    for (const [name, values] of Object.entries(expected)) {
      expect(listed.has(name), `API.md lists ${name}`).toBe(true);
      // `checkedInBy` may also be null; `ofCompliant` is a boolean, not an enumeration of ours.
      expect(listed.get(name)!.filter((value) => value !== 'null'), name).toEqual([...values]);
    }
    // Enumerations the procedures table and the rules spell inline.
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(`{status?: ${REQUEST_STATUSES.map((s) => `"${s}"`).join('\\|')}}`);
    expect(flat).toContain(`link:${SESSION_LINKS.map((s) => `"${s}"`).join('\\|')}`);
    expect(flat).toContain(`kind:${INVITATION_KINDS.map((s) => `"${s}"`).join('|')}`);
    expect(flat).toContain(`\`role\` (${ROLES.map((s) => `\`"${s}"\``).join(' or ')})`);
  });

  it('give every value a French and an English label', () => {
    const tables = Object.entries(enums).filter(([name]) => name.endsWith('_LABELS'));
    expect(tables.length).toBeGreaterThan(15);
    for (const [name, table] of tables) {
      const values = Object.keys((table as Record<string, object>).fr);
      expect(Object.keys((table as Record<string, object>).en), name).toEqual(values);
      for (const lang of LANGUAGES) {
        for (const [value, label] of Object.entries((table as Record<string, Record<string, unknown>>)[lang])) {
          expect(typeof label, `${name}.${lang}.${value}`).toBe('string');
          // Only "nothing to show" tags are empty.
          if (value !== 'none') expect(label, `${name}.${lang}.${value}`).toMatch(/\S/);
        }
      }
    }
  });
});
