/** The cookie a browser keeps the scheduler's HTTP token in; per port, since cookies do not tell ports apart. */
export function tokenCookieName(port: number): string {
  return `jq-engine-token-${port}`;
}
