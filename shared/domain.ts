// Domain types shared by the engine and the window, defined as runtime schemas (zod) so every
// payload crossing a process boundary can be validated. One module per subject; this one gathers
// them so importers need one path. No node:, no DOM, no electron here.
export * from './library-items.js';
export * from './catalog-entries.js';
export * from './settings.js';
export * from './playback-session.js';
export * from './notices.js';
export * from './live-session.js';
