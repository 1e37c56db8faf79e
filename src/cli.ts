/** Placeholder until the CLI lands: flags -> typed options -> one command. */
export async function main(_argv: readonly string[]): Promise<number> {
  return 0;
}
