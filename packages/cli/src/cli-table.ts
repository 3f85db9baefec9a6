import Table from 'cli-table3';

/** A plain table (no colours: they would leak into pipes and logs). */
export function renderTable(head: string[], rows: string[][]): string {
  const table = new Table({ head, style: { head: [], border: [] } });
  table.push(...rows);
  return table.toString();
}
