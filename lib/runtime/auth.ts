import "server-only";
import type { AuthOptions } from "next-auth";
import { buildAuthOptions } from "@/lib/auth";
import { getRuntime } from "./runtime";

let cached: Promise<AuthOptions> | undefined;

/** next-auth's options; built once, after the runtime has its store and session secret. */
export function getAuthOptions(): Promise<AuthOptions> {
  cached ??= getRuntime().then(buildAuthOptions);
  return cached;
}
