/**
 * Quotes a word for the shell when it needs it. Double quotes work the same in sh, bash, zsh,
 * cmd and PowerShell for everything but `"`, `$`, `` ` `` and `\`, which then get POSIX single
 * quotes.
 */
export function shellWord(word: string): string {
  if (/^[\w./:@%+=,-]+$/.test(word)) return word;
  return /["$`\\]/.test(word) ? `'${word.replaceAll("'", `'\\''`)}'` : `"${word}"`;
}
