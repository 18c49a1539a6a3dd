// Writes a .gz copy beside each text asset; the server sends it to clients that accept gzip.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const dir = process.argv[2];
for (const name of readdirSync(dir)) {
  if (!/\.(js|css|svg|json|txt)$/.test(name)) continue;
  const data = readFileSync(join(dir, name));
  writeFileSync(join(dir, name + '.gz'), gzipSync(data, { level: constants.Z_BEST_COMPRESSION }));
}
