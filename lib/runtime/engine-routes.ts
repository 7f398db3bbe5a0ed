import "server-only";
import { engineRoutes } from "@/lib/engine";
import { getRuntime } from "./runtime";

/** The wrappers of the engine's SEI-compatible routes (app/v2), over this process's engine. */
export const { withApiKey, withProjectKey } = engineRoutes(async () => (await getRuntime()).engine);
