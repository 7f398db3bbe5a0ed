// The server's leaves: env, errors and their responses, logging, request bodies, secrets, rate
// limits and security headers. Everything but the email schema and the headers is server only.
export { readBodyBytes, readBodyText, readStreamText, readUtf8Body } from "./body";
export { csvAttachment } from "./csv-response";
export { emailSchema } from "./email";
export { publicConfig, serverEnv, type ServerEnv } from "./env";
export { ApiError, errorResponse, invalid, notFound } from "./errors";
export { log, logToStderr, noticeStream } from "./log";
export { WindowLimiter } from "./rate-limit";
export { persistedSecret, randomSecret } from "./secrets";
export { securityHeaders } from "./security-headers";
