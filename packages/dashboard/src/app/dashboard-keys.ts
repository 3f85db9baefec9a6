/**
 * Row keys for records that carry no id of their own (failures, decisions, events): the record's
 * content, with a counter for exact repeats. Content keys survive the server re-sending equal
 * records as new objects, so an update moves rows instead of rebuilding them.
 */
export function contentKeys<Item>(items: readonly Item[], contentOf: (item: Item) => string): (item: Item) => string {
  const keys = new Map<Item, string>();
  const seen = new Map<string, number>();
  for (const item of items) {
    const content = contentOf(item);
    const repeats = seen.get(content) ?? 0;
    seen.set(content, repeats + 1);
    keys.set(item, repeats === 0 ? content : `${content}#${repeats}`);
  }
  return (item) => keys.get(item) ?? contentOf(item);
}
