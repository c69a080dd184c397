// Validates the installer configuration against electron-builder's own schema, so a broken
// packaging config is caught here even though the release build itself runs elsewhere.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { load } = require('js-yaml');
const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util');

const config = load(
  readFileSync(new URL('../build/electron-builder.yml', import.meta.url), 'utf8'),
);
try {
  await validateConfiguration(config, new DebugLogger(false));
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  if (!pkg.devDependencies?.electron?.match(/^\d+\.\d+\.\d+$/)) {
    throw new Error('electron must be pinned to an exact version in devDependencies');
  }
  console.log('packaging config: ok');
} catch (error) {
  console.error(`packaging config is invalid: ${error.message}`);
  process.exit(1);
}
