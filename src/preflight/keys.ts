const NON_ASCII = /[^\u0020-\u007e]/;
const SPACE = /\s/;
const SPACES = /\s+/gu;

/**
 * What makes two contacts "the same" (SPEC "Before the first write"): the same contract, the
 * same FullName ignoring case and spacing, and the same ContractContactType. It runs for every
 * row of a file, so the common case (ASCII, one word or a few) skips the costly steps.
 */
export function contactKey(contractId: number, fullName: string, type: number): string {
  let name = NON_ASCII.test(fullName) ? fullName.normalize('NFC') : fullName;
  name = name.toLowerCase();
  if (SPACE.test(name)) name = name.replace(SPACES, '');
  return `${contractId}\u0000${name}\u0000${type}`;
}
