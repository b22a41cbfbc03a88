/** The bin's main() with its output captured, as a user without a terminal runs it. */
import { main } from '../../lib/cli.js';

export interface Captured { code: number; out: string; err: string }

export async function cli(argv: string[]): Promise<Captured> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; }, interactive: false });
  return { code, out, err };
}
