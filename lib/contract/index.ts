// What the server and the browser agree on: the dashboard API's wire types and the public part of
// the configuration. Types and schemas only; no code of the server.
export type { PublicConfig } from "./public-config";
export type { ExportStatusView, ExportView, RegisteredScope } from "./views";
export { ANNOTATION_LIMITS, type AnnotationList, type AnnotationView } from "./annotations";
