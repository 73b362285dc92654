/**
 * The shapes the portal elements read, as API.md promises them. The server may return more fields; the
 * elements only rely on these. Kept beside the tRPC types so a view can be written, typed and tested
 * against the contract even where the router's inferred types are wider.
 */
import type { FollowUpTag, InvitationKind, InvitationState, Lang, LocationMode, MissionStatus, SessionStatus } from '../../domain/enums/index.ts';
export type { FacilitatorStatus, Kind, Retribution, RetributionTag, Sector } from '../../domain/enums/index.ts';
import type { FacilitatorStatus, Kind, Retribution, RetributionTag, Sector } from '../../domain/enums/index.ts';

export interface Location {
  mode: LocationMode;
  address?: string | null;
  url?: string | null;
}

export interface Organization {
  name: string;
  sector: Sector;
}

export interface MissionSummary {
  id: string;
  title: string;
  status: MissionStatus;
  organization: Organization;
  order: { kind: Kind; ordered: number; planned: number }[];
}

export interface MissionSession {
  id: string;
  kind: Kind;
  title?: string | null;
  startsAt: string;
  endsAt: string;
  timezone?: string;
  status: SessionStatus;
  ended: boolean;
  facilitatorsCount: number;
  expectedFacilitators: number;
  participantsCount: number;
  capacity: number;
  retributionTag: RetributionTag;
  presentCount?: number;
  attendanceTaken?: boolean;
  followUpTag?: FollowUpTag;
}

/** An ended session whose paid facilitators' retributions are still to request (`retributions.pending`). */
export interface PendingRetribution {
  sessionId: string;
  /** How many facilitators of that session the request would cover. */
  facilitators: number;
}

export interface Mission {
  id: string;
  title: string;
  status: MissionStatus;
  closedAt?: string | null;
  organization: Organization;
  order: { kind: Kind; ordered: number; planned: number; sessions: number; openSlots: number }[];
  sessions: MissionSession[];
  retributions: { canRequest: boolean; nextAllowedAt?: string | null; pending?: PendingRetribution[] };
  close: { canClose: boolean; blockers: string[]; warnings?: string[] };
  satisfaction?: { responses: number; average: number | null };
}

export interface SessionFacilitator {
  facilitatorId: string;
  name: string;
  email: string;
  status: FacilitatorStatus;
  retribution: Retribution;
}

export interface SessionParticipant {
  participantId: string;
  name: string;
  email: string;
  registeredAt: string;
}

export interface Session {
  id: string;
  missionId: string;
  kind: Kind;
  title?: string | null;
  language?: Lang;
  startsAt: string;
  endsAt: string;
  timezone?: string;
  location: Location;
  capacity: number;
  seatsLeft: number;
  extraFacilitators: number;
  status: SessionStatus;
  ended: boolean;
  retributionTag: RetributionTag;
  facilitatorInviteUrl: string;
  participantSignupUrl: string;
  facilitators: SessionFacilitator[];
  participants: SessionParticipant[];
  waitlist?: SessionWaitlistEntry[];
  invitations?: SessionInvitation[];
}

/** A person waiting for a seat (`sessions.get` `waitlist`). */
export interface SessionWaitlistEntry {
  participantId: string;
  name: string;
  email: string;
  position: number;
  joinedAt: string;
}

/** A personal invitation on record (`sessions.get` `invitations`). */
export interface SessionInvitation {
  email: string;
  kind: InvitationKind;
  invitedAt: string;
  state: InvitationState;
}

export interface MySession {
  sessionId: string;
  missionTitle: string;
  kind: Kind;
  startsAt: string;
  endsAt: string;
  timezone?: string;
  location: Location;
  status: SessionStatus;
  missionId?: string;
  ended?: boolean;
  started?: boolean;
  myStatus?: FacilitatorStatus;
  retribution?: Retribution;
  calendarUrl?: string;
}

export interface Invitation {
  session: { kind: Kind; title?: string | null; startsAt: string; endsAt: string; timezone?: string; location: Location };
  organization: { name: string };
  coordinator?: { name: string };
  slotsLeft: number;
  /** False when the invitation can no longer be accepted; `reason` says why (`no_slot_left`, `session_ended`, …). */
  open?: boolean;
  reason?: string | null;
}

export interface InviteResult {
  invited: string[];
  refused: { email: string; reason: string }[];
}
