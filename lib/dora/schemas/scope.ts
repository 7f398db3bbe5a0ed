// The `scope` object of an export request (spec §5).
import { z } from "zod";
import type { ExportScope } from "../types";
import { fieldsOf, nonBlank } from "./common";

/** The project the request is made in (its query parameters). */
export interface RequestIdentifiers {
  orgIdentifier: string;
  projectIdentifier: string;
}

const ALWAYS = { when: () => true };

/** With `ids`, a scope's orgIdentifier/projectIdentifier, when given, must equal the request's. */
export function makeScopeSchema(ids?: RequestIdentifiers) {
  return (
    z
      .strictObject({
        teamId: nonBlank.optional(),
        orgTreeName: nonBlank.optional(),
        orgIdentifier: nonBlank.optional(),
        projectIdentifier: nonBlank.optional(),
      })
      .superRefine((raw, ctx) => {
        // Runs even when a field failed, so every problem is named at once; fields may hold raw input.
        if (typeof raw !== "object" || raw === null) return;
        const scope = fieldsOf(raw);
        const hasTeam = scope.teamId !== undefined;
        const hasTree = scope.orgTreeName !== undefined;
        if (hasTeam === hasTree) {
          const message = hasTeam ? "give teamId or orgTreeName, not both" : "teamId or orgTreeName is required";
          ctx.addIssue({ code: "custom", message, path: [] });
        }
        if (hasTree && scope.orgIdentifier === undefined) {
          ctx.addIssue({ code: "custom", message: "is required with orgTreeName", path: ["orgIdentifier"] });
        }
        if (!ids) return;
        for (const key of ["orgIdentifier", "projectIdentifier"] as const) {
          const given = scope[key];
          if (typeof given === "string" && given !== ids[key]) {
            const message = `must equal the ${key} query parameter (${ids[key]})`;
            ctx.addIssue({ code: "custom", message, path: [key] });
          }
        }
      }, ALWAYS)
      // The refinement above guarantees the fields each kind needs; the fallbacks only satisfy the types.
      .transform((s): ExportScope =>
        s.teamId !== undefined
          ? { kind: "team", teamId: s.teamId }
          : {
              kind: "orgTree",
              orgTreeName: s.orgTreeName ?? "",
              orgIdentifier: s.orgIdentifier ?? "",
              projectIdentifier: s.projectIdentifier ?? null,
            },
      )
  );
}
