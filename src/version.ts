import { readFileSync } from 'node:fs';

/** The tool's version, from package.json (src/ and dist/ are both one level below it). */
export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
