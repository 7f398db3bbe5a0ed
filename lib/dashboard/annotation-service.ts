import "server-only";
import { z } from "zod";
import { canSeeScope, visibleScopes, type AccessScope, type Directory } from "@/lib/access";
import { ANNOTATION_LIMITS, type AnnotationView } from "@/lib/contract";
import { epochDay, isWellFormed, NOT_WELL_FORMED } from "@/lib/dora";
import { ApiError, invalid, log, notFound, WindowLimiter } from "@/lib/server";
import {
  annotationsOn,
  deleteAnnotation,
  findAnnotation,
  insertAnnotation,
  updateAnnotation,
  type StoredAnnotation,
} from "./annotations";
import { logDenied, type ProxyContext } from "./service";

// Annotations through the dashboard: a user writes notes on the teams and org trees they may see,
// reads those of a view (the scope's own and its sub-teams'), and changes or deletes a note only as
// its author or an admin.

const idSchema = z.string().trim().min(1).max(200).refine(isWellFormed, NOT_WELL_FORMED);
const scopeSchema = z.union([z.strictObject({ teamId: idSchema }), z.strictObject({ orgTreeName: idSchema })], {
  error: "give teamId or orgTreeName",
});
const date = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a date YYYY-MM-DD") })
  .refine((s) => epochDay(s) !== null, "must be a real calendar date YYYY-MM-DD");
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const text = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .trim()
  .min(1, "must not be empty")
  .max(ANNOTATION_LIMITS.text, `must be at most ${ANNOTATION_LIMITS.text} characters`)
  .refine((s) => !CONTROL.test(s), "must be one line of text, without control characters")
  .refine(isWellFormed, NOT_WELL_FORMED);

/** Null when the range holds: the end not before the start, at most ANNOTATION_LIMITS.rangeDays after it. */
function rangeProblem(start: string, end: string | null): string | null {
  if (end === null) return null;
  const s = epochDay(start);
  const e = epochDay(end);
  if (s === null || e === null) return null;
  if (e < s) return "must not be before startDate";
  if (e - s > ANNOTATION_LIMITS.rangeDays) return `must be at most ${ANNOTATION_LIMITS.rangeDays} days after startDate`;
  return null;
}

const createSchema = z.strictObject({
  scope: scopeSchema,
  startDate: date,
  endDate: date.nullable().default(null),
  text,
});

const patchSchema = z
  .strictObject({ startDate: date.optional(), endDate: date.nullable().optional(), text: text.optional() })
  .refine((p) => Object.keys(p).length > 0, "give startDate, endDate or text");

export const listQuerySchema = scopeSchema;

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const out = schema.safeParse(input);
  if (out.success) return out.data;
  throw invalid(
    `The ${what} is invalid.`,
    out.error.issues.map((i) => ({ field: i.path.join(".") || what, message: i.message })),
  );
}

const toScope = (s: z.infer<typeof scopeSchema>): AccessScope =>
  "teamId" in s ? { kind: "team", teamId: s.teamId } : { kind: "orgTree", orgTreeName: s.orgTreeName };

const describe = (s: AccessScope) => (s.kind === "team" ? `team:${s.teamId}` : `tree:${s.orgTreeName}`);

/** Names of the directory's teams, by id: a note shown on an ancestor's view says whose it is. */
const namesOf = (dir: Directory) => new Map(dir.teams.map((t) => [t.id, t.name]));

function viewOf(note: StoredAnnotation, ctx: ProxyContext, names: Map<string, string>): AnnotationView {
  const s = note.scope;
  return {
    id: note.id,
    scope: s,
    scopeName: s.kind === "team" ? (names.get(s.teamId) ?? s.teamId) : s.orgTreeName,
    startDate: note.startDate,
    endDate: note.endDate,
    text: note.text,
    author: note.authorEmail,
    createdAt: new Date(note.createdAt).toISOString(),
    updatedAt: note.updatedAt === null ? null : new Date(note.updatedAt).toISOString(),
    mayEdit: ctx.user.admin || (note.authorId !== null && note.authorId === ctx.user.id),
  };
}

/**
 * The teams and org trees whose notes a view of `scope` shows: the scope and everything below it,
 * by the same rule as a grant of that scope (a team's descendants in its tree; a tree's teams).
 */
function coveredBy(scope: AccessScope, dir: Directory): { teams: string[]; trees: string[] } {
  const grant =
    scope.kind === "team"
      ? { admin: false, teams: [scope.teamId], trees: [] }
      : { admin: false, teams: [], trees: [scope.orgTreeName] };
  const covered = visibleScopes(grant, dir);
  return covered.all ? { teams: [], trees: [] } : { teams: [...covered.teams], trees: [...covered.trees] };
}

function assertMaySee(ctx: ProxyContext, scope: AccessScope, dir: Directory, action: string): void {
  if (canSeeScope(ctx.user, scope, dir)) return;
  logDenied(ctx.user, "scope", { action, scope: describe(scope) });
  throw new ApiError("PERMISSION_DENIED", "You may not see this team or org tree.");
}

/** The notes of a view: on the scope itself and on every team below it, the newest dates first. */
export async function listAnnotationsFor(ctx: ProxyContext, query: unknown): Promise<AnnotationView[]> {
  const scope = toScope(parse(listQuerySchema, query, "query"));
  const dir = await ctx.sei.directory();
  assertMaySee(ctx, scope, dir, "annotations_list");
  const visible = visibleScopes(ctx.user, dir);
  const notes = await annotationsOn(ctx.db, ctx.sei.connection, coveredBy(scope, dir), ANNOTATION_LIMITS.list);
  const names = namesOf(dir);
  return notes
    .filter(
      (n) =>
        visible.all ||
        (n.scope.kind === "team" ? visible.teams.has(n.scope.teamId) : visible.trees.has(n.scope.orgTreeName)),
    )
    .map((n) => viewOf(n, ctx, names));
}

// Notes per user: far above what a person writes, and it slows a script running amok.
const WRITE_LIMIT = { limit: 30, windowMs: 60_000 };
const writes = new WindowLimiter(WRITE_LIMIT.limit, WRITE_LIMIT.windowMs);

function assertMayWrite(ctx: ProxyContext): void {
  const { allowed, retryAfterMs } = writes.check(String(ctx.user.id));
  if (allowed) return;
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  logDenied(ctx.user, "rate_limited", { action: "annotation_write" });
  throw new ApiError("RATE_LIMITED", `Too many notes written; try again in ${seconds} s.`, undefined, {
    "Retry-After": String(seconds),
  });
}

export async function createAnnotationFor(ctx: ProxyContext, body: unknown): Promise<AnnotationView> {
  const input = parse(createSchema, body, "body");
  const problem = rangeProblem(input.startDate, input.endDate);
  if (problem) throw invalid("The body is invalid.", [{ field: "endDate", message: problem }]);
  const scope = toScope(input.scope);
  const dir = await ctx.sei.directory();
  assertMaySee(ctx, scope, dir, "annotation_create");
  assertMayWrite(ctx);
  const note = await insertAnnotation(ctx.db, ctx.sei.connection, {
    scope,
    startDate: input.startDate,
    endDate: input.endDate,
    text: input.text,
    author: { id: ctx.user.id, email: ctx.user.email },
  });
  log.info("annotation.created", { user: ctx.user.email, id: note.id, scope: describe(scope) });
  return viewOf(note, ctx, namesOf(dir));
}

const ID = /^[1-9]\d{0,15}$/;

/**
 * The note, when this user may see its scope (else 404, as for an unknown id) and may change it
 * (its author or an admin; else 403).
 */
async function editableNote(ctx: ProxyContext, id: string, action: string) {
  const found = ID.test(id) ? await findAnnotation(ctx.db, ctx.sei.connection, Number(id)) : null;
  const dir = await ctx.sei.directory();
  if (!found || !canSeeScope(ctx.user, found.scope, dir)) {
    logDenied(ctx.user, found ? "scope" : "unknown_annotation", { action, annotationId: id.slice(0, 32) });
    throw notFound("No such note.");
  }
  if (!ctx.user.admin && found.authorId !== ctx.user.id) {
    logDenied(ctx.user, "not_author", { action, annotationId: found.id });
    throw new ApiError("PERMISSION_DENIED", "Only the note's author or an admin may change it.");
  }
  return { found, dir };
}

export async function updateAnnotationFor(ctx: ProxyContext, id: string, body: unknown): Promise<AnnotationView> {
  const patch = parse(patchSchema, body, "body");
  const { found, dir } = await editableNote(ctx, id, "annotation_update");
  const next = {
    startDate: patch.startDate ?? found.startDate,
    endDate: patch.endDate === undefined ? found.endDate : patch.endDate,
    text: patch.text ?? found.text,
  };
  const problem = rangeProblem(next.startDate, next.endDate);
  if (problem) throw invalid("The body is invalid.", [{ field: "endDate", message: problem }]);
  assertMayWrite(ctx);
  const note = await updateAnnotation(ctx.db, found.id, next);
  if (!note) throw notFound("No such note.");
  log.info("annotation.updated", { user: ctx.user.email, id: note.id, scope: describe(note.scope) });
  return viewOf(note, ctx, namesOf(dir));
}

export async function deleteAnnotationFor(ctx: ProxyContext, id: string): Promise<void> {
  const { found } = await editableNote(ctx, id, "annotation_delete");
  if (!(await deleteAnnotation(ctx.db, found.id))) throw notFound("No such note.");
  log.info("annotation.deleted", { user: ctx.user.email, id: found.id, scope: describe(found.scope) });
}
