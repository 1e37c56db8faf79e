import { text } from 'node:stream/consumers';
import { openZip } from '../../src/read/zip.js';

/** The text of one part of an XLSX (`xl/styles.xml`), as written. */
export async function xlsxPart(path: string, part: string): Promise<string> {
  const zip = await openZip(path);
  try {
    const entry = zip.get(part);
    if (!entry) throw new Error(`${path} has no ${part}`);
    const opened = await zip.openText(entry);
    try {
      return await text(opened.stream);
    } finally {
      await opened.close();
    }
  } finally {
    await zip.close();
  }
}

/**
 * The fonts of an XLSX's styles that name no typeface (`<font><b/></font>`): LibreOffice shows
 * such a font in its own default, a serif, whatever the workbook's default font is.
 */
export async function fontsWithoutName(path: string): Promise<string[]> {
  const styles = await xlsxPart(path, 'xl/styles.xml');
  const fonts = /<fonts\b[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] ?? '';
  return [...fonts.matchAll(/<font\b[^>]*?(?:\/>|>[\s\S]*?<\/font>)/g)]
    .map((m) => m[0])
    .filter((font) => !/<name\b[^>]*\bval="[^"]+"/.test(font));
}
