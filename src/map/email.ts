/**
 * A pragmatic check, not RFC 5322: no white space, one `@`, something before it, a domain of
 * dot-separated parts, and none of the separators (`,;<>`) a pasted list of addresses brings.
 * It catches what people get wrong in spreadsheets (a missing `@`, a name beside the address,
 * `gmail,com`) without refusing real addresses.
 */
const EMAIL = /^[^\s@,;<>()[\]"]+@[^\s@.,;<>()[\]"]+(?:\.[^\s@.,;<>()[\]"]+)+$/;

/** `mailto:` comes with addresses copied from web pages and e-mail clients. */
const MAILTO = /^mailto:/i;

/** The address to send (without a `mailto:` prefix), or undefined when it is not one. */
export function emailOf(text: string): string | undefined {
  const address = text.replace(MAILTO, '');
  return EMAIL.test(address) ? address : undefined;
}
