// The portal bundle (dist/widget/fresk-missions.js): <fresk-token>, <fresk-missions> with its first views,
// and, loaded on demand as chunks of their own, <fresk-mission-dashboard>, <fresk-session-planner> and
// <fresk-staff-desk>. fresk-token
// is defined first so that a page's elements find their provider as soon as they upgrade.
import './fresk-token/fresk-token.ts';
import './fresk-missions/fresk-missions.ts';
import { defineWhenUsed } from './shared/define-when-used.ts';

// A host page may place these elements itself (API.md: the bundle defines <fresk-session-planner>): they
// are loaded as soon as one is in the document, and otherwise when a view renders them.
defineWhenUsed('fresk-session-planner', () => import('./session-planner/session-planner.ts'));
defineWhenUsed('fresk-staff-desk', () => import('./staff-desk/staff-desk.ts'));
defineWhenUsed('fresk-mission-dashboard', () => import('./mission-dashboard/mission-dashboard.ts'));

export { FreskTokenElement } from './fresk-token/fresk-token.ts';
export { FreskMissionsElement } from './fresk-missions/fresk-missions.ts';
export type { FreskSessionPlannerElement } from './session-planner/session-planner.ts';
export type { FreskStaffDeskElement } from './staff-desk/staff-desk.ts';
