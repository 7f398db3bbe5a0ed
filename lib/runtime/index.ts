// The composition root: the one runtime per process (store, secrets, engine, job runner), the
// session wrapper of the dashboard's routes, the API-key wrapper of the engine's routes and
// next-auth's options. Used by app/, instrumentation.ts and the command-line tools only; every
// other part gets what it needs passed in.
export { getRuntime, type Runtime } from "./runtime";
export { storeHealth, type StoreHealth } from "./health";
export { currentSession, currentUser, withSession, type SessionContext } from "./session";
export { getAuthOptions } from "./auth";
export { sourceWebhook, withApiKey, withProjectKey } from "./engine-routes";
