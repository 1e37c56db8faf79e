/**
 * What makes two contacts "the same" (SPEC "Before the first write"): the same contract, the
 * same FullName ignoring case and spacing, and the same ContractContactType.
 */
export function contactKey(contractId: number, fullName: string, type: number): string {
  const name = fullName.normalize('NFC').toLocaleLowerCase('und').replace(/\s+/gu, '');
  return `${contractId}\u0000${name}\u0000${type}`;
}
