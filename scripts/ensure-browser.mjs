#!/usr/bin/env node
// Before the test suite: the browser tests need Debian's chromium (and CJK and emoji fonts: real
// mini-programs write Chinese and emoji, and the simulator screenshots show them). On a fresh
// machine this installs them with apt-get when it can (as root, or with password-less sudo);
// otherwise it says exactly what to run. Never downloads a browser.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.MPK_CHROMIUM ?? '/usr/bin/chromium';
const PACKAGES = ['chromium', 'fonts-noto-cjk', 'fonts-noto-color-emoji'];
const COMMAND = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`;

function hasEmojiFont() {
  try {
    return /color emoji/i.test(execFileSync('fc-list', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return false;
  }
}

function run(argv) {
  const result = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

if (process.env.MPK_SKIP_BROWSER_INSTALL || (existsSync(CHROMIUM) && hasEmojiFont())) process.exit(0);

const hasAptGet = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const canSudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;

if (hasAptGet && (isRoot || canSudo)) {
  const prefix = isRoot ? [] : ['sudo', '-n'];
  console.log(`mpk tests: installing Debian's ${PACKAGES.join(', ')} (browser tests)…`);
  if (run([...prefix, 'apt-get', 'update', '-y']) && run([...prefix, 'apt-get', 'install', '-y', '--no-install-recommends', ...PACKAGES]) && existsSync(CHROMIUM)) {
    process.exit(0);
  }
  console.error(`mpk tests: installing chromium failed; run:\n  ${COMMAND}\nthen the test command again.`);
  process.exit(1);
}

console.error(
  existsSync(CHROMIUM)
    ? `mpk tests: the CJK and emoji fonts the simulator screenshots need are missing; run:\n  ${COMMAND}\n(or set MPK_SKIP_BROWSER_INSTALL=1 to run without them).`
    : `mpk tests: the browser tests need Debian's chromium at ${CHROMIUM}; run:\n  ${COMMAND}\nthen the test command again (another distribution: set MPK_CHROMIUM to its chromium).`,
);
process.exit(1);
