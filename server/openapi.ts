/**
 * The OpenAPI 3.1 description of the API as tRPC serves it over plain HTTP (API.md "Transport"), built
 * from the router at run time: every procedure the router has is in it, with its input schema from zod
 * (`z.toJSONSchema`), its role (read from the base procedure it was built on) and the stable reasons it
 * can answer. Served at `GET /openapi.json` (Node and Workers) and written to dist/openapi.json by the build.
 */
import { TRPCError, type AnyRouter } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { z } from 'zod';
import { REASON_CODES, isReason } from '../domain/reasons.ts';
import { appRouter } from './router.ts';
import { adminProcedure, facilitatorProcedure, publicProcedure } from './trpc.ts';
import { email, httpUrl, instant } from './validation.ts';

type Role = 'public' | 'signed-in' | 'admin';
type JsonSchema = Record<string, unknown>;

/**
 * Reasons each procedure can answer beyond the ones its role and input imply (API.md "Stable reasons").
 * A procedure missing here still gets those: new procedures are described, only less precisely.
 */
export const procedureReasons: Record<string, readonly string[]> = {
  'admin.updateOrder': ['mission_closed'],
  'admin.markInvoiced': ['mission_not_closed'],
  'missions.close': ['mission_closed', 'sessions_not_ended', 'retributions_pending'],
  'sessions.create': ['mission_closed', 'ends_before_start', 'benevole_requires_enseignement'],
  'sessions.update': ['mission_closed', 'session_cancelled', 'ends_before_start', 'capacity_below_registrations'],
  'sessions.cancel': ['mission_closed', 'session_cancelled'],
  'sessions.regenerateLink': ['mission_closed'],
  'facilitators.invite': ['mission_closed', 'session_cancelled', 'session_ended'],
  'facilitators.invitation': ['invalid_token'],
  'facilitators.join': ['invalid_token', 'mission_closed', 'session_cancelled', 'session_ended', 'no_slot_left', 'already_registered', 'not_of_compliant', 'invitation_for_someone_else'],
  'facilitators.setStatus': ['mission_closed', 'benevole_requires_enseignement', 'retribution_requested'],
  'facilitators.remove': ['mission_closed', 'retribution_requested'],
  'facilitators.withdraw': ['session_started'],
  'participants.invite': ['mission_closed', 'session_cancelled', 'session_ended'],
  'participants.signupInfo': ['invalid_token'],
  'participants.register': ['invalid_token', 'mission_closed', 'session_cancelled', 'session_ended', 'session_full'],
  'participants.cancel': ['invalid_token', 'mission_closed'],
  'participants.remove': ['mission_closed'],
  'retributions.request': ['mission_closed', 'retributions_already_requested_this_month', 'nothing_to_request'],
  'auth.exchange': ['invalid_token'],
  'admin.erasePerson': ['coordinates_open_mission'],
  'attendance.mark': ['mission_closed', 'session_cancelled', 'attendance_not_open', 'attendance_closed'],
  'attendance.addWalkIn': ['mission_closed', 'session_cancelled', 'attendance_not_open', 'attendance_closed'],
  'attendance.checkInInfo': ['invalid_token'],
  'attendance.selfCheckIn': ['invalid_token', 'session_cancelled', 'mission_closed', 'checkin_not_open', 'checkin_closed', 'name_required', 'consent_required'],
  'followUp.send': ['session_not_ended', 'nothing_to_send'],
  'survey.get': ['invalid_token'],
  'survey.answer': ['invalid_token', 'survey_already_answered', 'survey_closed'],
};

/** The tRPC code of a reason, from the one list in domain/reasons.ts; undefined if unknown. */
export function codeOfReason(reason: string): TRPCError['code'] | undefined {
  return isReason(reason) ? REASON_CODES[reason] : undefined;
}

const httpStatus = (code: TRPCError['code']) => getHTTPStatusCodeFromError(new TRPCError({ code }));

/** The last middleware a base procedure adds identifies procedures built on it. */
const lastMiddleware = (p: unknown) => (p as { _def: { middlewares: unknown[] } })._def.middlewares.at(-1);
function roleOf(middlewares: readonly unknown[]): Role | null {
  if (middlewares.includes(lastMiddleware(adminProcedure))) return 'admin';
  if (middlewares.includes(lastMiddleware(facilitatorProcedure))) return 'signed-in';
  if (middlewares.includes(lastMiddleware(publicProcedure))) return 'public';
  return null;
}

/** JSON Schema of a zod input, with the formats the project's refinements check (they are opaque to zod). */
function inputSchema(parser: unknown): JsonSchema {
  if (!(parser instanceof z.ZodType)) return {};
  let schema: JsonSchema;
  try {
    schema = toJsonSchema(parser);
  } catch {
    // A validator JSON Schema cannot express: described as any JSON rather than failing the whole document.
    return { description: 'See API.md' };
  }
  delete schema.$schema;
  return schema;
}

function toJsonSchema(parser: z.ZodType): JsonSchema {
  return z.toJSONSchema(parser, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema === instant) jsonSchema.format = 'date-time';
      else if (zodSchema === httpUrl) jsonSchema.format = 'uri';
      else if (zodSchema === email) jsonSchema.format = 'email';
    },
  }) as JsonSchema;
}

interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription';
  inputs: unknown[];
  middlewares: unknown[];
}

/** Every procedure of a tRPC v11 router, by its dotted path. */
export function procedureDefs(router: AnyRouter = appRouter): Record<string, ProcedureDef> {
  const out: Record<string, ProcedureDef> = {};
  for (const [path, procedure] of Object.entries(router._def.procedures as Record<string, { _def: ProcedureDef }>)) out[path] = procedure._def;
  return out;
}

/** The reasons a procedure can answer: its role's, its input's, and the ones listed above. */
export function reasonsOf(path: string, def: ProcedureDef): string[] {
  const role = roleOf(def.middlewares);
  const reasons = new Set<string>();
  if (def.inputs.length) reasons.add('invalid_input');
  if (role === 'public') reasons.add('rate_limited');
  if (role === 'signed-in' || role === 'admin') reasons.add('unauthorized').add('invalid_claims').add('identity_conflict');
  if (role === 'admin') reasons.add('forbidden');
  // Facilitator procedures on a mission or session answer NOT_FOUND for what is not the caller's.
  const props = def.inputs.map((p) => inputSchema(p).properties as JsonSchema | undefined);
  if (role && role !== 'public' && props.some((p) => p && ['missionId', 'sessionId', 'requestId', 'facilitatorId', 'participantId'].some((k) => k in p))) reasons.add('not_found');
  for (const r of procedureReasons[path] ?? []) reasons.add(r);
  reasons.add('payload_too_large');
  reasons.add('database_unavailable');
  return [...reasons];
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['message', 'code', 'data'],
      properties: {
        message: { type: 'string' },
        code: { type: 'integer', description: 'JSON-RPC 2.0 error code' },
        data: {
          type: 'object',
          required: ['code', 'httpStatus'],
          properties: {
            code: { type: 'string', description: 'tRPC error code, e.g. NOT_FOUND' },
            httpStatus: { type: 'integer' },
            path: { type: 'string' },
            reason: { type: 'string', description: 'Stable snake_case reason (API.md "Stable reasons"); translate it for people.' },
            fieldErrors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } }, description: 'Input field → messages, on BAD_REQUEST' },
            claim: { type: 'string', description: 'With invalid_claims: the claim refused' },
            nextAllowedAt: { type: 'string', format: 'date-time' },
            opensAt: { type: 'string', format: 'date-time' },
          },
          additionalProperties: true,
        },
      },
    },
  },
};

/** The OpenAPI 3.1 document of a router (by default the app's) as served under `serverUrl`. */
export function openApiDocument(opts: { serverUrl?: string; router?: AnyRouter } = {}) {
  const paths: Record<string, unknown> = {};
  for (const [path, def] of Object.entries(procedureDefs(opts.router))) {
    if (def.type === 'subscription') continue;
    const role = roleOf(def.middlewares);
    const schema = def.inputs.length ? inputSchema(def.inputs.at(-1)) : undefined;
    const required = Array.isArray(schema?.required) && (schema.required as unknown[]).length > 0;
    const reasons = reasonsOf(path, def);
    const byStatus = new Map<number, string[]>();
    for (const r of reasons) {
      const status = httpStatus(codeOfReason(r) ?? 'BAD_REQUEST');
      byStatus.set(status, [...(byStatus.get(status) ?? []), r]);
    }
    const responses: Record<string, unknown> = {
      200: {
        description: 'Success: the output under result.data',
        content: { 'application/json': { schema: { type: 'object', required: ['result'], properties: { result: { type: 'object', properties: { data: {} } } } } } },
      },
    };
    for (const [status, rs] of [...byStatus].sort((a, b) => a[0] - b[0])) {
      responses[status] = {
        description: `data.reason: ${rs.map((r) => `\`${r}\``).join(', ')}`,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    const operation: Record<string, unknown> = {
      operationId: path,
      tags: [path.split('.')[0]],
      summary: `${path} (${def.type}, ${role ?? 'unknown role'})`,
      'x-fresk-role': role,
      'x-fresk-reasons': reasons,
      security: role === 'public' ? [] : [{ bearer: [] }],
      responses,
    };
    if (def.type === 'query') {
      operation.parameters = schema
        ? [{ name: 'input', in: 'query', required, description: 'The input as URL-encoded JSON', content: { 'application/json': { schema } } }]
        : [];
      paths[`/trpc/${path}`] = { get: operation };
    } else {
      if (schema) operation.requestBody = { required: true, content: { 'application/json': { schema } } };
      paths[`/trpc/${path}`] = { post: operation };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Fresk missions API',
      version: '1',
      description:
        'tRPC v11 over plain HTTP, no transformer (API.md "Transport"). Queries: GET /trpc/<procedure>?input=<URL-encoded JSON>. ' +
        'Mutations: POST /trpc/<procedure> with the input as the JSON body. Success: {"result":{"data":…}}. Failure: ' +
        '{"error":{"message","code","data":{"code","httpStatus","path","reason"?,"fieldErrors"?}}}; data.reason is stable. ' +
        'Batching (?batch=1, at most 20 calls) works as tRPC defines it. Dates are ISO 8601 with an offset; ids are strings.',
    },
    ...(opts.serverUrl ? { servers: [{ url: opts.serverUrl }] } : {}),
    security: [],
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'HS256 JWT minted by the portal (API.md "Identity")' } },
    },
  };
}
