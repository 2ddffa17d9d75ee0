import { auditRoutes } from '../audit/audit-routes.js';
import { memberRoutes } from '../orgs/member-routes.js';
import { orgRoutes } from '../orgs/org-routes.js';
import type { RacedeskApp } from '../plugins/contract.js';
import { enablementRoutes } from '../plugins/enablement-routes.js';
import { instanceTokenRoutes } from '../tokens/instance-token-routes.js';
import { tokenRoutes } from '../tokens/token-routes.js';
import { authRoutes } from './auth-routes.js';
import { meRoutes } from './me-routes.js';

/** The core's identity and access API: sign-in, me, orgs, members, tokens, plugins per org, audit. */
export async function coreAccessRoutes(app: RacedeskApp): Promise<void> {
  for (const routes of [
    authRoutes,
    meRoutes,
    orgRoutes,
    memberRoutes,
    tokenRoutes,
    instanceTokenRoutes,
    enablementRoutes,
    auditRoutes,
  ]) {
    await app.register(routes);
  }
}
