#!/usr/bin/env node
// Writes .br and .gz beside each wasm, JS and CSS file of the built site, so the server
// sends them precompressed (tower-http's ServeDir picks them by Accept-Encoding) instead
// of compressing on every request or not at all.
//   node scripts/precompress.mjs [target/site/pkg]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2] ?? 'target/site/pkg';
for (const name of readdirSync(dir)) {
  if (!/\.(wasm|js|css)$/.test(name)) continue;
  const file = path.join(dir, name);
  const data = readFileSync(file);
  writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
}
