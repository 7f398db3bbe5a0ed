// The mapper of each source: a pure function from a stored event and the mapping to facts.
import type { Extracted, SourceEvent } from "./facts";
import { extractCdevents } from "./cdevents/extract";
import { extractGit } from "./git/extract";
import { extractGithub } from "./github/extract";
import { extractGitlab } from "./gitlab/extract";
import { extractJira } from "./jira/extract";
import type { Mapping } from "./mapping/schema";
import { extractPagerduty } from "./pagerduty/extract";

type Extractor = (event: SourceEvent, mapping: Mapping) => Extracted;

const EXTRACTORS: Record<string, Extractor> = {
  github: extractGithub,
  git: extractGit,
  gitlab: extractGitlab,
  cdevents: extractCdevents,
  pagerduty: extractPagerduty,
  jira: extractJira,
};

export const extractorOf = (source: string): Extractor | undefined => EXTRACTORS[source];
