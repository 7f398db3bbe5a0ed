import "server-only";
import { engineRoutes } from "@/lib/engine";
import { getRuntime } from "./runtime";

/** The wrapper of the engine's SEI-compatible routes (app/v2), over this process's engine. */
export const withApiKey = engineRoutes(async () => (await getRuntime()).engine);
