// Checks the layer boundaries: only electron/main and electron/preload import 'electron'; the
// window (renderer/) never imports electron/ or node:; shared/ imports neither node: nor the DOM layers.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

const rules = [
  {
    scope: 'electron/engine/',
    forbid: (spec) =>
      spec === 'electron' || spec.startsWith('electron/') || /\.\.\/(main|preload)\//.test(spec),
    why: 'the engine is plain Node and must never import electron or the shell',
  },
  {
    scope: 'electron/host/',
    forbid: (spec) =>
      spec === 'electron' ||
      spec.startsWith('electron/') ||
      /\.\.\/(main|preload|headless)\//.test(spec),
    why: 'host modules serve both the Electron shell and headless mode, so they never import electron',
  },
  {
    scope: 'electron/headless/',
    forbid: (spec) =>
      spec === 'electron' || spec.startsWith('electron/') || /\.\.\/(main|preload)\//.test(spec),
    why: 'headless mode runs without Electron',
  },
  {
    scope: 'renderer/',
    forbid: (spec) =>
      spec === 'electron' ||
      spec.startsWith('node:') ||
      /(^|\/)electron\//.test(spec) ||
      BUILTINS.has(spec),
    why: 'the window knows only the contract in shared/',
  },
  {
    scope: 'shared/',
    forbid: (spec) =>
      spec === 'electron' ||
      spec.startsWith('node:') ||
      /\.\.\/(electron|renderer)\//.test(spec) ||
      BUILTINS.has(spec),
    why: 'shared/ is the contract: no node:, no DOM layer, no electron',
  },
];
const BUILTINS = new Set([
  'fs',
  'path',
  'os',
  'http',
  'https',
  'net',
  'child_process',
  'crypto',
  'url',
  'stream',
  'events',
]);

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else if (/\.(ts|tsx|mjs|js)$/.test(name)) yield full;
  }
}

const violations = [];
for (const rule of rules) {
  const dir = join(root, rule.scope);
  let files;
  try {
    files = [...walk(dir)];
  } catch {
    continue;
  }
  for (const file of files) {
    if (rule.scope === 'renderer/' && /vite\.config\.ts$/.test(file)) continue; // build config runs in Node
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      if (spec && rule.forbid(spec)) {
        violations.push(
          `${relative(root, file).split(sep).join('/')}: imports '${spec}' (${rule.why})`,
        );
      }
    }
  }
}
if (violations.length > 0) {
  console.error(`Layer boundary violations:\n  ${violations.join('\n  ')}`);
  process.exit(1);
}
console.log('boundaries: ok');
