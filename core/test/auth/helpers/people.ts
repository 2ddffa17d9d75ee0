// Moved to @racedesk/testkit so plugin tests can use it too; kept for tests that import it from here.
export { addMember, bearer, createOrg, createToken, type Person, signIn } from '@racedesk/testkit';
