/**
 * exceljs 4.4.0 ships no types for its SAX helper; this is the shape of
 * `lib/utils/parse-sax.js` (saxes events gathered per chunk of input).
 */
declare module 'exceljs/lib/utils/parse-sax.js' {
  export interface SaxTag {
    readonly name: string;
    readonly attributes: Readonly<Record<string, string>>;
  }
  export type SaxEvent =
    | { readonly eventType: 'opentag' | 'closetag'; readonly value: SaxTag }
    | { readonly eventType: 'text'; readonly value: string };
  export default function parseSax(
    input: AsyncIterable<unknown>,
  ): AsyncGenerator<SaxEvent[], void, void>;
}
