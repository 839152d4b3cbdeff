/** JSON for a <script> data block: `<` escaped so no text in it can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}
