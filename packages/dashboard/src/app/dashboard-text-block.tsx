/**
 * Free text that may run to many lines (an error, a command's stderr): its first line, with the
 * whole text one click away.
 */
export function TextBlock({ text, summaryLabel }: { text: string; summaryLabel?: string }) {
  const newline = text.indexOf('\n');
  if (newline === -1 && summaryLabel === undefined) return <span class="text-line">{text}</span>;
  const firstLine = newline === -1 ? text : text.slice(0, newline);
  return (
    <details class="text-block">
      <summary>{summaryLabel ?? firstLine}</summary>
      <pre>{text}</pre>
    </details>
  );
}
