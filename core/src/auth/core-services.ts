import type { FastifyBaseLogger } from 'fastify';
import { type AuditLog, createAuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { RacedeskConfig } from '../config/schema.js';
import type { Database } from '../db/connect.js';
import type { EventBus } from '../events/bus.js';
import type { RouteInfo } from '../http/org-guard.js';
import { createMemberService, type MemberService } from '../orgs/member-service.js';
import { MemberAdded, MemberRemoved, MemberRoleChanged, OrgCreated } from '../orgs/org-events.js';
import { createOrgService, type OrgService } from '../orgs/org-service.js';
import { createEnablementService, type EnablementService } from '../plugins/enablement.js';
import { PluginDisabled, PluginEnabled } from '../plugins/enablement-events.js';
import type { LoadedPlugin } from '../plugins/runtime.js';
import { createSecretCipher, type SecretCipher } from '../secrets/cipher.js';
import { resolveSecretKey } from '../secrets/keyring.js';
import { createSecretStore, type SecretStore } from '../secrets/secret-store.js';
import { createTokenService, type TokenService } from '../tokens/token-service.js';
import { UserMerged } from '../users/user-events.js';
import { createUserService, type UserService } from '../users/user-service.js';
import { createSessionStore, type SessionStore } from './sessions.js';

/** The core's identity and access services, on `app.racedesk` next to the runtime. */
export interface CoreServices {
  users: UserService;
  orgs: OrgService;
  members: MemberService;
  tokens: TokenService;
  sessions: SessionStore;
  audit: AuditLog;
  enablement: EnablementService;
  secrets: { cipher: SecretCipher; store(owner: string): SecretStore };
  /** The live API route table with each route's guard settings (filled as routes are registered). */
  routes: RouteInfo[];
}

declare module '../runtime.js' {
  interface RacedeskRuntime extends CoreServices {}
}

/** Builds the services and declares the core's events on the bus. */
export async function createCoreServices(deps: {
  db: Database;
  clock: Clock;
  bus: EventBus;
  config: RacedeskConfig;
  logger: FastifyBaseLogger;
  plugins: () => readonly LoadedPlugin[];
}): Promise<CoreServices> {
  const { db, clock, bus } = deps;
  bus.declare(
    [UserMerged, OrgCreated, MemberAdded, MemberRoleChanged, MemberRemoved, PluginEnabled, PluginDisabled],
    'core',
  );
  const cipher = createSecretCipher(
    await resolveSecretKey(deps.config.secretKey, deps.config.dataDir, (m) => deps.logger.warn(m)),
  );
  const audit = createAuditLog(db, clock);
  const users = createUserService(db, clock, bus, audit);
  return {
    users,
    orgs: createOrgService(db, clock, bus, audit),
    members: createMemberService(db, clock, bus, audit, users),
    tokens: createTokenService(db, clock, audit),
    sessions: createSessionStore(db, clock),
    audit,
    enablement: createEnablementService(db, clock, bus, audit, deps.plugins, deps.logger),
    secrets: { cipher, store: (owner) => createSecretStore(db, cipher, clock, owner) },
    routes: [],
  };
}
