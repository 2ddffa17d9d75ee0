/** Who caused a change: a signed-in user or token holder, an automated part of the system, or nobody known. */
export type Actor =
  | { kind: 'user'; userId: number; tokenId?: number }
  | { kind: 'system'; component: string }
  | { kind: 'anonymous' };

/** The actor for work done by Racedesk itself (jobs, subscribers, imports). */
export const systemActor = (component: string): Actor => ({ kind: 'system', component });
/** The actor for a request without credentials. */
export const anonymousActor: Actor = { kind: 'anonymous' };
