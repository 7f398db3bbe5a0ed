// Collects what could not be read, as sentences for people, with the file's line numbers.

const MAX_LINES_LISTED = 5;

export interface ProblemLog {
  /** A problem with no line to point at. */
  note(message: string): void;
  /** One occurrence of a kind of problem at a line; occurrences of a kind are reported together. */
  at(kind: string, line: number): void;
  messages(): string[];
}

export function createProblemLog(): ProblemLog {
  const notes: string[] = [];
  const byKind = new Map<string, { lines: number[]; count: number }>();
  return {
    note(message) {
      if (!notes.includes(message)) notes.push(message);
    },
    at(kind, line) {
      const entry = byKind.get(kind) ?? { lines: [], count: 0 };
      entry.count++;
      if (entry.lines.length < MAX_LINES_LISTED) entry.lines.push(line);
      byKind.set(kind, entry);
    },
    messages() {
      const grouped = [...byKind].map(([kind, { lines, count }]) => `${kind} ${linesPhrase(lines, count)}.`);
      return [...notes, ...grouped];
    },
  };
}

function linesPhrase(lines: number[], count: number): string {
  const word = count === 1 ? "line" : "lines";
  const more = count > lines.length ? ` and ${count - lines.length} more` : "";
  return `(${word} ${lines.join(", ")}${more})`;
}

/** The problems papaparse reports, keyed so that many alike become one sentence. */
export function parseErrorKind(code: string, type: string): string {
  switch (code) {
    case "TooFewFields":
      return "Some rows have fewer cells than the header; the missing cells are read as empty";
    case "TooManyFields":
      return "Some rows have more cells than the header; the extra cells are ignored";
    case "MissingQuotes":
      return "A quoted cell is not closed; the rest of the file may be read wrongly";
    case "InvalidQuotes":
      return "A cell has a stray quote mark";
    default:
      return `The file could not be read as CSV (${type || code})`;
  }
}

/** The file line of a papaparse error (rows as arrays): its row counts the chunk's lines from 0. */
export function parseErrorLine(e: { row?: number }, linesBefore: number): number {
  return linesBefore + (e.row ?? 0) + 1;
}
