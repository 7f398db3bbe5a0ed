// Who may see which team or org tree, and the guards of the routes that create or change things.
export type { Directory } from "./directory";
export { assertCreateAllowed, assertMutationOrigin, readMutationBody } from "./guards";
export { canSeeScope, visibleDirectory, visibleScopes, type AccessScope } from "./scope-access";
