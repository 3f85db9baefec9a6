/** The cookie the browser keeps the dashboard's token in; per port, since cookies do not tell ports apart. */
export function dashboardCookieName(port: number): string {
  return `jq-dashboard-token-${port}`;
}
