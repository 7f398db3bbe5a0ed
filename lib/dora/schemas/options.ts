import { DEFAULT_BENCHMARK } from "../benchmarks";
// The `options` object of an export request (spec §5) and its time zone rule.
import { z } from "zod";
import { AGGREGATIONS, GRANULARITIES } from "../types";
import { ciEnum, nonBlank } from "./common";

/** The canonical spelling of an IANA zone name (`europe/paris` → `Europe/Paris`), or null if it is not one. */
export function canonicalTimeZone(name: string): string | null {
  // Intl accepts UTC offsets such as `+01:00` on newer runtimes; those are not IANA names.
  if (!/^[A-Za-z]/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const timezoneSchema = z.string().transform((s, ctx) => {
  const zone = canonicalTimeZone(s);
  if (zone !== null) return zone;
  ctx.issues.push({ code: "custom", message: "must be an IANA time zone name such as UTC or Europe/Paris", input: s });
  return z.NEVER;
});

export const granularitySchema = ciEnum(GRANULARITIES);
export const aggregationSchema = ciEnum(AGGREGATIONS).default("mean");

/** Benchmark set names; without a list any name is taken (lower-cased), for forms that do not know the sets. */
export function benchmarkSchema(benchmarks?: readonly string[]) {
  const name = benchmarks ? ciEnum(benchmarks) : nonBlank.transform((s) => s.toLowerCase());
  return name.default(DEFAULT_BENCHMARK);
}

export function makeOptionsSchema(benchmarks?: readonly string[]) {
  const options = z.strictObject({
    granularity: granularitySchema,
    aggregation: aggregationSchema,
    compression: ciEnum(["gzip", "none"]).default("gzip"),
    format: ciEnum(["csv"]).default("csv"),
    timezone: timezoneSchema.default("UTC"),
    benchmark: benchmarkSchema(benchmarks),
  });
  // An absent `options` is parsed as `{}` (an invalid input, hence the cast) so that the missing
  // granularity is reported as `options.granularity`.
  return options.prefault({} as z.input<typeof options>);
}
