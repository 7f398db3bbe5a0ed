// A record's page at its source, from its id when the id has a form that names one
// (shared/spec/sources.md, "Record ids"). Only GitHub's forms name a whole address; GitLab,
// PagerDuty and Jira ids lack the host (self-managed GitLab, the PagerDuty subdomain, the Jira
// site), so they get none rather than a guess.

const OWNER = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})";
const REPO = "[A-Za-z0-9._-]{1,100}";
const FORMS: [RegExp, (owner: string, repo: string, n: string) => string][] = [
  [new RegExp(`^github:(${OWNER})/(${REPO})#(\\d{1,12})$`), (o, r, n) => `https://github.com/${o}/${r}/pull/${n}`],
  [
    new RegExp(`^github:(${OWNER})/(${REPO})/issues/(\\d{1,12})$`),
    (o, r, n) => `https://github.com/${o}/${r}/issues/${n}`,
  ],
  [
    new RegExp(`^github:(${OWNER})/(${REPO})/runs/(\\d{1,20})$`),
    (o, r, n) => `https://github.com/${o}/${r}/actions/runs/${n}`,
  ],
];

/** The https address of the record at its source, or null when its id names none. */
export function sourceUrl(id: string): string | null {
  for (const [form, url] of FORMS) {
    const m = form.exec(id);
    // `.` and `..` are not repositories: the address would be another page of GitHub.
    if (m && m[2] !== "." && m[2] !== "..") return url(m[1]!, m[2]!, m[3]!);
  }
  return null;
}
