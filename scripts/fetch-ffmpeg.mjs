// Puts ffmpeg and ffprobe for this OS into vendor/ffmpeg/<os>-<arch>/, where the installer build
// (build/electron-builder.yml, extraResources) picks them up. Run on the packaging machine, which
// has internet access; nothing here runs at install or play time.
//   node scripts/fetch-ffmpeg.mjs --url <archive URL> --sha256 <hex>   download, check, extract
//   node scripts/fetch-ffmpeg.mjs --from <folder>                      copy from a local build
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OS = { darwin: 'mac', win32: 'win', linux: 'linux' }[process.platform] ?? process.platform;
const exe = process.platform === 'win32' ? '.exe' : '';
const target = fileURLToPath(new URL(`../vendor/ffmpeg/${OS}-${process.arch}/`, import.meta.url));
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce(
      (pairs, word, i, all) =>
        word.startsWith('--') ? [...pairs, [word.slice(2), all[i + 1]]] : pairs,
      [],
    ),
);

/** Every file under a folder, however deep (archives put the programs in bin/ or at the top). */
function walk(dir) {
  // Dirent.isDirectory() is false for links: a link loop cannot send this round forever
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

function install(fromDir) {
  mkdirSync(target, { recursive: true });
  for (const tool of ['ffmpeg', 'ffprobe']) {
    const found = walk(fromDir).find((p) => basename(p).toLowerCase() === tool + exe);
    if (!found) throw new Error(`${tool}${exe} is not in ${fromDir}`);
    copyFileSync(found, join(target, tool + exe));
    chmodSync(join(target, tool + exe), 0o755);
  }
  console.log(`ffmpeg and ffprobe are in ${target}`);
}

try {
  if (args.from) {
    install(args.from);
  } else if (args.url && args.sha256) {
    const res = await fetch(args.url);
    if (!res.ok) throw new Error(`download failed: HTTP ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const digest = createHash('sha256').update(bytes).digest('hex');
    // a pinned checksum: the installer must ship exactly the build that was reviewed
    if (digest !== args.sha256.toLowerCase()) throw new Error(`checksum mismatch: got ${digest}`);
    const work = mkdtempSync(join(tmpdir(), 'essaim-ffmpeg-'));
    try {
      const archive = join(work, basename(new URL(args.url).pathname) || 'ffmpeg-archive');
      writeFileSync(archive, bytes);
      mkdirSync(join(work, 'x'));
      // tar reads .tar.xz/.tar.gz everywhere and .zip on Windows and macOS (bsdtar)
      execFileSync('tar', ['-xf', archive, '-C', join(work, 'x')], { stdio: 'inherit' });
      install(join(work, 'x'));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  } else {
    console.error('usage: fetch-ffmpeg.mjs --url <archive URL> --sha256 <hex> | --from <folder>');
    process.exit(2);
  }
} catch (err) {
  console.error(`could not fetch ffmpeg: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
