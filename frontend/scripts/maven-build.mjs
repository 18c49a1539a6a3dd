// Run by the Maven build (exec-maven-plugin): installs the locked packages and builds the dashboard, skipping each
// step when its inputs are unchanged since the last run, so a Java-only rebuild does not wait for npm.
//   node scripts/maven-build.mjs          npm ci (if package-lock.json changed), then vite build (if sources changed)
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`The dashboard build needs Node.js 20.19 or newer (found ${process.versions.node}).`);
  process.exit(1);
}

function hashOf(paths) {
  const h = createHash('sha256');
  const walk = (p) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) walk(join(p, name));
    } else {
      h.update(p).update(readFileSync(p));
    }
  };
  paths.forEach(walk);
  return h.digest('hex');
}

function step(name, stampFile, inputs, mustExist, command) {
  const hash = hashOf(inputs);
  const stamp = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
  if (stamp === hash && existsSync(mustExist)) {
    console.log(`dashboard: ${name} is up to date`);
    return;
  }
  console.log(`dashboard: ${command}`);
  execSync(command, { stdio: 'inherit' });
  writeFileSync(stampFile, hash);
}

step('npm ci', 'node_modules/.homelabarr-ci-stamp', ['package-lock.json'], 'node_modules/.bin/vite',
  'npm ci --no-audit --no-fund');
step('vite build', 'node_modules/.homelabarr-build-stamp',
  ['src', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package-lock.json', 'scripts/compress.mjs'],
  'dist/index.html', 'npm run build');
