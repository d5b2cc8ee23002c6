import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateSigningKeys } from '@mpk/runtime/node';
import { resolveUserPath } from '../context.ts';
import type { CliCommand } from './types.ts';

interface KeygenFlags {
  force?: boolean;
}

/**
 * `mpk keygen [name]`: an Ed25519 key pair for signing packages — `<name>.key` (PKCS#8 PEM, mode
 * 0600: the build service's secret, for `mpk build --sign`) and `<name>.pub` (SPKI PEM: what hosts
 * pass to `createContainer({ trust: { keys } })`). Prints the key id signatures carry.
 */
export const keygenCommand: CliCommand = {
  usage: 'keygen [name]',
  description: 'Make an Ed25519 key pair for signing packages: <name>.key (private) and <name>.pub (public)',
  options: [['--force', 'Overwrite existing key files']],
  examples: ['mpk keygen release', 'mpk keygen ~/.mpk/release && mpk build . --sign ~/.mpk/release.key'],
  async run(args, io) {
    const name = resolveUserPath(typeof args[0] === 'string' && args[0] !== '' ? args[0] : 'mpk-signing');
    const flags = (args[args.length - 1] ?? {}) as KeygenFlags;
    const keyFile = `${name}.key`;
    const pubFile = `${name}.pub`;
    for (const file of [keyFile, pubFile]) {
      if (existsSync(file) && !flags.force) {
        io.stderr(`mpk keygen: ${file} exists; refusing to overwrite it (--force to replace it)\n`);
        return 1;
      }
    }
    const keys = generateSigningKeys();
    await mkdir(path.dirname(name), { recursive: true });
    await writeFile(keyFile, keys.privateKeyPem, { mode: 0o600 });
    await writeFile(pubFile, keys.publicKeyPem, { mode: 0o644 });
    io.stdout(
      `private key: ${keyFile} (keep it secret: mpk build --sign ${path.basename(keyFile)})\n` +
        `public key:  ${pubFile} (hosts trust it: createContainer({ trust: { keys: [{ key: <its text> }] } }))\n` +
        `key id:      ${keys.keyId}\n`,
    );
    return 0;
  },
};
