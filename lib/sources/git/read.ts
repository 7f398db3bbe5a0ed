import "server-only";
import { execFile } from "node:child_process";

// Reads a repository with the real `git` binary, its arguments passed as a list (no shell), so a
// branch or tag name is never interpreted.

const MAX_OUTPUT = 512 * 1024 * 1024;

export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GitError";
  }
}

export function git(repo: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      ["-C", repo, "-c", "core.quotepath=off", "-c", "log.showSignature=false", ...args],
      { maxBuffer: MAX_OUTPUT, encoding: "utf8", env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" } },
      (err, stdout, stderr) => {
        if (err) reject(new GitError((stderr || err.message).trim().split("\n")[0]!.slice(0, 300)));
        else resolve(stdout);
      },
    );
  });
}

export interface Commit {
  sha: string;
  parents: string[];
  /** Author and committer dates, epoch ms. */
  authoredAt: number;
  committedAt: number;
  subject: string;
  body: string;
}

const F = "\x1f";

/** The commits on a branch's first-parent line, oldest first. */
export async function firstParentLine(repo: string, branch: string): Promise<Commit[]> {
  await git(repo, ["rev-parse", "--verify", "--quiet", `${branch}^{commit}`]).catch(() => {
    throw new GitError(`no branch or commit "${branch}" in ${repo}`);
  });
  const out = await git(repo, [
    "log",
    "-z",
    "--first-parent",
    "--reverse",
    `--format=%H${F}%P${F}%at${F}%ct${F}%s${F}%b`,
    branch,
    "--",
  ]);
  return out
    .split("\0")
    .filter((record) => record.trim() !== "")
    .map((record) => {
      const [sha, parents, at, ct, subject, body] = record.replace(/^\n/, "").split(F);
      return {
        sha: sha!,
        parents: parents ? parents.split(" ") : [],
        authoredAt: Number(at) * 1000,
        committedAt: Number(ct) * 1000,
        subject: subject ?? "",
        body: (body ?? "").trim(),
      };
    });
}

/** The earliest author date among the commits a merge brought in (reachable from its other parents only). */
export async function earliestBroughtIn(repo: string, merge: Commit): Promise<number | null> {
  const [first, ...others] = merge.parents;
  const out = await git(repo, ["log", "--format=%at", `^${first}`, ...others, "--"]);
  let min = Infinity;
  for (const line of out.split("\n")) if (line) min = Math.min(min, Number(line) * 1000);
  return Number.isFinite(min) ? min : null;
}

export interface Tag {
  name: string;
  /** The tagger's date for an annotated tag, else the commit's, epoch ms. */
  at: number;
  commit: string;
}

export async function tags(repo: string): Promise<Tag[]> {
  const out = await git(repo, [
    "for-each-ref",
    `--format=%(refname:strip=2)${F}%(objecttype)${F}%(taggerdate:unix)${F}%(*objectname)${F}%(objectname)${F}%(committerdate:unix)${F}%(*committerdate:unix)`,
    "refs/tags",
  ]);
  return out
    .split("\n")
    .filter(Boolean)
    .flatMap((line) => {
      const [name, type, taggerAt, peeled, object, committedAt, peeledCommittedAt] = line.split(F);
      if (type === "tag") {
        if (!peeled) return [];
        const at = Number(taggerAt || peeledCommittedAt) * 1000;
        return [{ name: name!, at, commit: peeled }];
      }
      if (type !== "commit") return [];
      return [{ name: name!, at: Number(committedAt) * 1000, commit: object! }];
    });
}

/** The commits reachable from `to` and not from `from` (all of `to`'s history when there is no `from`). */
export async function commitsBetween(repo: string, from: string | null, to: string): Promise<Set<string>> {
  const out = await git(repo, ["rev-list", to, ...(from ? [`^${from}`] : []), "--"]);
  return new Set(out.split("\n").filter(Boolean));
}
