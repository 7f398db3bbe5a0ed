// Glob patterns of the mapping (repositories, projects, tags): `*` any run of characters but `/`,
// `**` any run including `/`, `?` one character; everything else literal. Case-insensitive, as
// GitHub and GitLab names are.

const cache = new Map<string, RegExp>();

export function globRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re) return re;
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*" && pattern[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  re = new RegExp(`^${source}$`, "i");
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, re);
  return re;
}

export const globMatch = (pattern: string, value: string): boolean => globRegExp(pattern).test(value);
