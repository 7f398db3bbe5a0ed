// Accounts and sessions: users and their passwords, SSO identities, server-side sessions, the
// scopes an account may see, and next-auth's options. Server only.
export { afterSignOutUrl } from "./end-session";
export { listIdentities, removeIdentity } from "./identities";
export { buildAuthOptions } from "./options";
export { scopeSchema, type Access } from "./scopes";
export { countUserSessions, endSession, endUserSessions, liveSession, sessionIdToken, startSession } from "./sessions";
export {
  addUser,
  adminEmails,
  countUsers,
  findUserByEmail,
  findUserById,
  listUsers,
  removeUser,
  updateUser,
  type User,
} from "./users";
