/**
 * Text from a file or a request, made safe to print on a terminal (issue 11, fault 5). An event
 * name or bid title may carry escape sequences (ESC [ … to move the cursor, clear the screen or
 * hide text; ESC ] … to set the window title or make a link), C1 controls that some terminals
 * read the same way, a lone carriage return that overwrites the line, or bidi overrides that
 * make text read backwards. Each such character is printed as a visible `\uXXXX` instead.
 *
 * Newlines and tabs stay (the output's own layout), and CR before LF (a CSV's line ends). Inside
 * JSON text the `\uXXXX` form is the JSON escape of the same character, so `--json` output stays
 * JSON with exactly the same values.
 */

/**
 * C0 controls but tab and newline, a CR not followed by LF, DEL and C1, the Arabic letter mark,
 * the left-to-right and right-to-left marks, bidi embeddings, overrides and isolates, and the
 * line and paragraph separators.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|\r(?!\n)/gu;

const visible = (c: string) =>
  `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}
