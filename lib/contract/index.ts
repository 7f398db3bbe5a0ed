// What the server and the browser agree on: the dashboard API's wire types and the public part of
// the configuration. Types and schemas only; no code of the server.
export * from "./public-config";
export * from "./views";
