// The dashboard API's service: exports made through the dashboard, who may see them, and what a
// view page shows. Server only; the routes under app/api call it.
export { allowedOrigin, NO_STORE, proxyContext } from "./route-context";
export { coverageFor, recordsFor } from "./behind-figures";
export { assertMayReport, scopesFor } from "./scopes";
export { createExportFor, downloadFor, exportStatusFor, listExportsFor } from "./service";
export { recentExportFor } from "./recent";
export { viewInfo } from "./view-info";
export {
  createAnnotationFor,
  deleteAnnotationFor,
  listAnnotationsFor,
  updateAnnotationFor,
} from "./annotation-service";
