export function findElectronBinary(): string | null;
export const ELECTRON_MISSING: string;
