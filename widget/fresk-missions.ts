// The portal bundle (dist/widget/fresk-missions.js): <fresk-token>, <fresk-missions>, <fresk-session-planner>
// and <fresk-staff-desk>, with the elements they render. fresk-token is defined first so that a page's
// elements find their provider as soon as they upgrade.
import './fresk-token/fresk-token.ts';
import './fresk-missions/fresk-missions.ts';
import './session-planner/session-planner.ts';
import './staff-desk/staff-desk.ts';

export { FreskTokenElement } from './fresk-token/fresk-token.ts';
export { FreskMissionsElement } from './fresk-missions/fresk-missions.ts';
export { FreskSessionPlannerElement } from './session-planner/session-planner.ts';
export { FreskStaffDeskElement } from './staff-desk/staff-desk.ts';
