// Request bodies are JSON with comments and trailing commas (spec §1), because Harness's documented
// examples carry both; anything looser (single quotes, bare keys, NaN, hex, trailing text) is refused.
import { parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";

export type JsoncResult = { ok: true; value: unknown } | { ok: false; message: string };

/** How deep a body may nest objects and arrays: far beyond any request of the API, and well within the stack. */
export const MAX_NESTING = 64;

const OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false } as const;

const TOO_DEEP = `Invalid JSON: the body is nested more than ${MAX_NESTING} levels deep`;

/**
 * A request body: JSON, else JSONC. A body nested deeper than MAX_NESTING is refused first, JSON or
 * not: jsonc-parser recurses once per level and would run out of stack.
 */
export function parseBodyText(text: string): JsoncResult {
  if (nestedTooDeep(text, MAX_NESTING)) return { ok: false, message: TOO_DEEP };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return parseShallowJsonc(text);
  }
}

export function parseJsonc(text: string): JsoncResult {
  return nestedTooDeep(text, MAX_NESTING) ? { ok: false, message: TOO_DEEP } : parseShallowJsonc(text);
}

function parseShallowJsonc(text: string): JsoncResult {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, OPTIONS);
  const first = errors[0];
  if (first) return { ok: false, message: describe(text, first) };
  if (!tree) return { ok: false, message: "Invalid JSON: the body is empty" };
  return { ok: true, value: toValue(tree) };
}

/** Whether `{` and `[` outside strings and comments open more than `max` levels at some point. */
export function nestedTooDeep(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

function describe(text: string, error: ParseError): string {
  const before = text.slice(0, error.offset);
  const line = before.split("\n").length;
  const column = error.offset - (before.lastIndexOf("\n") + 1) + 1;
  const reason = printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return `Invalid JSON at line ${line}, column ${column}: ${reason}`;
}

// Built from the tree rather than with jsonc-parser's `parse`, which assigns keys with `obj[key] = v`
// and so would turn a `"__proto__"` key into a prototype instead of an own property (as JSON.parse does).
function toValue(node: Node): unknown {
  switch (node.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (!key || !value) continue;
        Object.defineProperty(out, String(key.value), {
          value: toValue(value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case "array":
      return (node.children ?? []).map(toValue);
    default:
      return node.value;
  }
}
