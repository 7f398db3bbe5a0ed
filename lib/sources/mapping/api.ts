import "server-only";
import { invalid, notFound } from "@/lib/server";
import type { Store } from "@/lib/store";
import type { Scope } from "../scope";
import { detectFormat, parseMapping, type MappingIssue } from "./parse";
import { DEFAULT_MAPPING } from "./schema";
import { loadMapping, mappingVersions, saveMapping } from "./store";

/** What GET /v2/sources/mapping (and the Sources page) show: the current or a given version. */
export async function mappingAnswer(db: Store, scope: Scope, version?: number) {
  const saved = await loadMapping(db, scope, version);
  if (!saved) {
    if (version !== undefined) throw notFound(`No mapping version ${version}.`);
    return {
      version: 0,
      format: "yaml" as const,
      text: "",
      mapping: DEFAULT_MAPPING,
      savedAt: null,
      savedBy: null,
      versions: [],
    };
  }
  return {
    version: saved.version,
    format: saved.format,
    text: saved.text,
    mapping: saved.mapping,
    savedAt: new Date(saved.savedAt).toISOString(),
    savedBy: saved.savedBy,
    versions: (await mappingVersions(db, scope)).map((v) => ({ ...v, savedAt: new Date(v.savedAt).toISOString() })),
  };
}

/** Validates and saves a mapping document as a new version; 400 naming each bad field (with its line). */
export async function putMapping(
  db: Store,
  scope: Scope,
  text: string,
  contentType: string | null,
  savedBy: string,
): Promise<{ version: number }> {
  const format = detectFormat(text, contentType);
  const parsed = parseMapping(text, format);
  if (!parsed.ok) throw mappingRefused(parsed.issues);
  return { version: await saveMapping(db, scope, text, format, savedBy) };
}

export const mappingRefused = (issues: MappingIssue[]) =>
  invalid(
    `The mapping was not saved: ${issues.length} problem${issues.length === 1 ? "" : "s"}.`,
    issues.map(({ field, message, line }) => (line === undefined ? { field, message } : { field, message, line })),
  );
