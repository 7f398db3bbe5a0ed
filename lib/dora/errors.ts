// The domain's refusals. The domain says what went wrong, not how to answer it: the one HTTP mapper
// (lib/server's errorResponse) turns each kind into its status and code (spec §8).

/** A refusal of the domain: a record or scope that does not exist, or a change that would break another. */
export type DomainErrorKind = "not_found" | "conflict";

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
}

/** An export or report names a team or org tree the project does not have. */
export class ScopeNotFoundError extends DomainError {
  readonly kind = "not_found";
  constructor(message: string) {
    super(message);
    this.name = "ScopeNotFoundError";
  }
}
