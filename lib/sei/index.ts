// The one SEI client (Harness over HTTP, or the embedded engine in process) and the streaming of
// an export's CSV to the browser. Server only.
export { getSeiClient, makeClient, setSeiClient, type SeiDeps } from "./client";
export { prepareDownload, type DownloadAs } from "./download-stream";
export { EXPORT_ID, type CreatedExport, type SeiClient, type SeiLimits } from "./types";
