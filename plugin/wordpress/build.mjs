// `npm run build:plugin`: the installable WordPress plugin, dist/fresk-missions-wordpress.zip.
//  1. builds the widget bundles (`npm run build`) when dist/widget lacks them;
//  2. copies them into the plugin (fresk-missions/assets/, with their content hashes in versions.php for
//     cache busting): WordPress's plugin guidelines want assets served locally, not from another server;
//     the portal's chunks beside fresk-missions.js (already named by their content hash), with the list of
//     those it imports statically (preload.php, for modulepreload); and the custom elements manifest
//     (dist/custom-elements.json), for editors and theme developers;
//  3. regenerates the .pot and compiles the translations (i18n.mjs);
//  4. zips fresk-missions/ (dotfiles left out) with a small built-in zip writer: no `zip` binary needed.
// `--skip-widget-build` fails instead of building when the bundles are missing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { buildTranslations, pluginDir } from './i18n.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const bundles = ['fresk-invite.js', 'fresk-missions.js'];
export const zipPath = join(root, 'dist', 'fresk-missions-wordpress.zip');

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time of a Date, as zip headers store them. */
function dosTime(date) {
  const time = (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2);
  const day = (Math.max(0, date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
  return { time, day };
}

/**
 * The run of fields a zip entry's local header and its central directory header share, written from `at`:
 * version needed (2.0), flags (UTF-8 names), method, time, date, CRC-32, compressed and original sizes, name length.
 */
function writeSharedHeader(buf, at, { method, time, day, crc, compressed, size, nameLength }) {
  [20, 0x0800, method, time, day].forEach((v, i) => buf.writeUInt16LE(v, at + 2 * i));
  [crc, compressed, size].forEach((v, i) => buf.writeUInt32LE(v, at + 10 + 4 * i));
  buf.writeUInt16LE(nameLength, at + 22);
}

/** A zip archive (deflate, or stored when that is smaller) of `files`: [{ name, data, mtime }]; folders end in '/'. */
export function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data, mtime } of files) {
    const nameBuf = Buffer.from(name, 'utf8');
    const deflated = data.length ? deflateRawSync(data, { level: 9 }) : data;
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const { time, day } = dosTime(mtime);
    const crc = crc32(data);
    const common = { method: stored ? 0 : 8, time, day, crc, compressed: body.length, size: data.length, nameLength: nameBuf.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeSharedHeader(local, 4, common);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0 (so the permissions below are read)
    writeSharedHeader(central, 6, common);
    const dir = name.endsWith('/');
    central.writeUInt32LE((((dir ? 0o40755 : 0o100644) << 16) | (dir ? 0x10 : 0)) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, body);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** Paths under `dir`, folders first with a trailing '/', dotfiles left out. */
function tree(dir, base = dir) {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? [relative(base, path) + '/', ...tree(path, base)] : [relative(base, path)];
    });
}

export function buildPlugin({ widgetBuild = true, log = console.log } = {}) {
  const dist = join(root, 'dist', 'widget');
  const manifest = join(root, 'dist', 'custom-elements.json');
  if ([...bundles, 'manifest.json'].some((b) => !existsSync(join(dist, b))) || !existsSync(manifest)) {
    if (!widgetBuild) throw new Error(`missing ${bundles.map((b) => `dist/widget/${b}`).join(' or ')}: run npm run build`);
    log('build:plugin: widget bundles missing, running npm run build');
    const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0 || bundles.some((b) => !existsSync(join(dist, b))) || !existsSync(manifest)) throw new Error('npm run build did not produce the widget bundles and the manifest');
  }

  // 2. bundles into the plugin, and every served file's content hash for its ?ver=
  const assets = join(pluginDir, 'assets');
  mkdirSync(assets, { recursive: true });
  // Chunks of an earlier build would ship beside the new ones.
  for (const f of readdirSync(assets)) if (f.endsWith('.js')) rmSync(join(assets, f));
  const widgetManifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
  const hashedEntries = new Set(Object.values(widgetManifest.files));
  const chunks = widgetManifest.immutable.filter((f) => f.endsWith('.js') && !hashedEntries.has(f));
  for (const b of [...bundles, ...chunks]) copyFileSync(join(dist, b), join(assets, b));
  const preload = Object.entries(widgetManifest.preload).map(([entry, files]) => `\t'${entry}' => array( ${files.map((f) => `'${f}'`).join(', ')} ),`);
  writeFileSync(join(assets, 'preload.php'), `<?php\n// Written by plugin/wordpress/build.mjs: the chunks each bundle imports statically, to modulepreload.\ndefined( 'ABSPATH' ) || exit;\nreturn array(\n${preload.join('\n')}\n);\n`);
  copyFileSync(manifest, join(assets, 'custom-elements.json'));
  const hashed = [...bundles.map((b) => `assets/${b}`), 'blocks/editor.js'];
  const versions = hashed.map((p) => `\t'${p}' => '${createHash('sha256').update(readFileSync(join(pluginDir, p))).digest('hex').slice(0, 12)}',`);
  writeFileSync(join(assets, 'versions.php'), `<?php\n// Written by plugin/wordpress/build.mjs: content hashes used as ?ver= of the served files.\ndefined( 'ABSPATH' ) || exit;\nreturn array(\n${versions.join('\n')}\n);\n`);

  // 3. translations
  const { problems } = buildTranslations();
  for (const p of problems) log(`build:plugin: i18n: ${p}`);

  // The header's version is the package's.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const main = readFileSync(join(pluginDir, 'fresk-missions.php'), 'utf8');
  const version = /^\s*\*\s*Version:\s*(\S+)/m.exec(main)?.[1];
  if (version !== pkg.version) log(`build:plugin: warning: plugin Version ${version} differs from package.json ${pkg.version}`);

  // 4. the zip, everything under fresk-missions/
  const files = tree(pluginDir).map((rel) => {
    const path = join(pluginDir, rel);
    return { name: `fresk-missions/${rel}`, data: rel.endsWith('/') ? Buffer.alloc(0) : readFileSync(path), mtime: statSync(path).mtime };
  });
  const archive = zip([{ name: 'fresk-missions/', data: Buffer.alloc(0), mtime: new Date() }, ...files]);
  mkdirSync(dirname(zipPath), { recursive: true });
  writeFileSync(zipPath, archive);
  log(`build:plugin: ${relative(root, zipPath)}  ${(archive.length / 1024).toFixed(1)} KB, ${files.filter((f) => !f.name.endsWith('/')).length} files`);
  return { zipPath, files: files.map((f) => f.name), problems };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    buildPlugin({ widgetBuild: !process.argv.includes('--skip-widget-build') });
  } catch (error) {
    console.error(`build:plugin: ${error.message}`);
    process.exit(1);
  }
}
