// Request bodies are JSON with comments and trailing commas (spec §1), because Harness's documented
// examples carry both; anything looser (single quotes, bare keys, NaN, hex, trailing text) is refused.
import { parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";

export type JsoncResult = { ok: true; value: unknown } | { ok: false; message: string };

const OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false } as const;

export function parseJsonc(text: string): JsoncResult {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, OPTIONS);
  const first = errors[0];
  if (first) return { ok: false, message: describe(text, first) };
  if (!tree) return { ok: false, message: "Invalid JSON: the body is empty" };
  return { ok: true, value: toValue(tree) };
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
