/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`), the `--format github`
 * of the commands whose findings belong on a line of a file in a pull request. Escaping as in
 * @actions/core's command.ts: data escapes % CR LF; properties also : and ,.
 */

/** Escapes the message of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property (file, title) of a workflow command. */
export function property(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One annotation line; `file` is left out for stdin, `line` when unknown. */
export function annotation(
  level: 'error' | 'warning' | 'notice',
  where: { file?: string; line?: number; title?: string },
  message: string,
): string {
  const props = [
    ...(where.file && where.file !== '<stdin>' ? [`file=${property(where.file)}`] : []),
    ...(where.line !== undefined ? [`line=${where.line}`] : []),
    ...(where.title ? [`title=${property(where.title)}`] : []),
  ];
  return `::${level}${props.length ? ` ${props.join(',')}` : ''}::${escapeData(message)}\n`;
}
