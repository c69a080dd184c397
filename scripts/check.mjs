// The one command that runs every gate, in order: format, typecheck, lint, boundaries, unit and
// integration tests, build, end-to-end tests. Stops at the first failing gate and says which.
import { spawnSync } from 'node:child_process';

const gates = [
  ['format', 'npx', ['prettier', '--check', '.']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ['boundaries', 'node', ['scripts/check-boundaries.mjs']],
  ['packaging config', 'node', ['scripts/check-packaging.mjs']],
  ['unit and integration tests', 'npx', ['vitest', 'run']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['end-to-end tests', 'npx', ['playwright', 'test']],
];

const only = process.argv.slice(2);
const results = [];
for (const [name, cmd, args] of gates) {
  if (only.length > 0 && !only.includes(name.split(' ')[0])) continue;
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(cmd, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ok: run.status === 0, seconds });
  if (run.status !== 0) break;
}

console.log('\n=== gates ===');
for (const r of results) console.log(`${r.ok ? 'pass' : 'FAIL'}  ${r.name} (${r.seconds} s)`);
const failed = results.filter((r) => !r.ok);
if (failed.length > 0) {
  console.log(`\nThe "${failed[0].name}" gate failed; later gates did not run.`);
  process.exit(1);
}
