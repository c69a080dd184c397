// Bundles the preload into one CommonJS file: a sandboxed preload cannot load local modules, so
// the shared contract it uses is inlined. Only 'electron' stays an import.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    lib: {
      entry: fileURLToPath(new URL('./preload.ts', import.meta.url)),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    outDir: fileURLToPath(new URL('../../dist/electron/preload', import.meta.url)),
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    target: 'node20',
    rolldownOptions: { external: ['electron'] },
  },
});
