import { z } from "zod";

// The client part of the configuration: what the browser may know of the connection, never a key.

export const publicConfigSchema = z.object({ mode: z.enum(["embedded", "harness"]), host: z.string().nullable() });
export type PublicConfig = z.infer<typeof publicConfigSchema>;
