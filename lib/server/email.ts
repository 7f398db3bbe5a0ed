import { z } from "zod";

/**
 * An account's email: `local@host`, where the host may have no dot, since the first admin is
 * `admin@localhost`. Stored lower-case.
 */
export const emailSchema = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, "must be an email address such as manager@example.com")
  .transform((s) => s.toLowerCase());
