/**
 * Edits one value of a JSON file the way a person would: jsonc-parser rewrites only the edited
 * value's text (keys, order, comments and the rest of the formatting stay), indenting what it
 * inserts like the file already is. For tools that write back to a project's config files
 * (the simulator's compile modes → mini.project.json).
 */
import { applyEdits, modify, parseTree, type ParseError } from 'jsonc-parser';

/** `text` with the value at `path` set to `value` (created with its parents when missing). Throws when `text` is not a JSON object. */
export function editJsonText(text: string, path: Array<string | number>, value: unknown): string {
  const source = text.trim() === '' ? '{}\n' : text;
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: true });
  if (!root || root.type !== 'object' || errors.length > 0) throw new Error('not a JSON object');
  const indentLine = /^([ \t]+)\S/m.exec(source)?.[1];
  const formattingOptions = {
    insertSpaces: !indentLine?.startsWith('\t'),
    tabSize: indentLine && !indentLine.startsWith('\t') ? indentLine.length : 2,
    eol: source.includes('\r\n') ? '\r\n' : '\n',
  };
  return applyEdits(source, modify(source, path, value, { formattingOptions }));
}
