import "server-only";
import { engineRoutes } from "@/lib/engine";
import { webhookRoute } from "@/lib/sources";
import { getRuntime } from "./runtime";

/** The wrappers of the engine's SEI-compatible routes (app/v2), over this process's engine. */
export const { withApiKey, withProjectKey } = engineRoutes(async () => (await getRuntime()).engine);

/** The sources' webhook route (app/v2/sources/{source}/webhook), over this process's sources. */
export const sourceWebhook = webhookRoute(async () => (await getRuntime()).sources);
