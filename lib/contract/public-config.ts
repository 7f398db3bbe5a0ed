import { z } from "zod";

// The client part of the configuration: what the browser may know of the connection, never a key.

/**
 * What the connection offers beyond Harness SEI's export API. The embedded engine has all of it;
 * Harness SEI has none of it, and the UI leaves out what needs it.
 */
export const featuresSchema = z.object({
  /** The export groups `fdrt` and `rework` (engine spec §4.11–4.13). */
  newerMetrics: z.boolean(),
  /** The records behind a figure (engine spec §9). */
  records: z.boolean(),
  /** How much of the data the figures see (engine spec §9). */
  coverage: z.boolean(),
});
export type Features = z.infer<typeof featuresSchema>;

export const publicConfigSchema = z.object({
  mode: z.enum(["embedded", "harness"]),
  host: z.string().nullable(),
  features: featuresSchema,
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;
