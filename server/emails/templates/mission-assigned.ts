import { message, type Lang, type RenderContext, type Rendered } from '../layout.ts';

/** To the coordinator when staff create a mission from a won opportunity: a link to their missions. */
export interface MissionAssignedData {
  missionId: string;
  missionTitle: string;
  organizationName: string;
  coordinatorName: string;
}

export async function missionAssigned(lang: Lang, d: MissionAssignedData, ctx: RenderContext): Promise<Rendered> {
  const link = `${ctx.appUrl}/missions/${encodeURIComponent(d.missionId)}`;
  const fr = lang === 'fr';
  const subject = fr ? `Nouvelle mission : ${d.missionTitle}` : `New mission: ${d.missionTitle}`;
  const hello = fr ? `Bonjour ${d.coordinatorName},` : `Hello ${d.coordinatorName},`;
  const body = fr
    ? `Bravo ! Tu coordonnes la mission « ${d.missionTitle} » pour ${d.organizationName}. Tu peux dès maintenant planifier ses sessions depuis la page d'accueil de tes missions.`
    : `Congratulations! You coordinate the mission "${d.missionTitle}" for ${d.organizationName}. You can plan its sessions now from your missions' home page.`;
  const cta = fr ? 'Ouvrir mes missions' : 'Open my missions';
  return message(lang, subject, { paragraphs: [hello, body], action: { link, cta } });
}
