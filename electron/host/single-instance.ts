// One running app per data folder, for both hosts: the first takes the folder's lock and listens on
// a loopback endpoint guarded by a per-run secret; a second one hands its argument over to it and
// leaves. Never lets a second engine run on a folder that is in use.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { parseOpenInput } from '../../shared/open-input.js';
import { parseArgs } from '../engine/cli-args.js';
import { acquireDataFolderLock, type LockRecord } from '../engine/storage/data-folder-lock.js';

const PATH = '/hand-over';
const SECRET_HEADER = 'x-essaim-secret';
const MAX_BODY = 64 * 1024;
/** Opening may fetch a .torrent from the web: give the first instance time to say how it went. */
const HAND_OVER_TIMEOUT_MS = 60_000;

export interface FirstInstanceActions {
  /** Open what a second launch was given; throws (CodedError) when it cannot be opened. */
  open(argument: string): Promise<void>;
  /** A second launch without an argument: show yourself. */
  show(): void;
  /** Where this instance can be found (the headless address), if it has one yet. */
  where(): string | undefined;
}

export interface HandOverAnswer {
  ok: boolean;
  /** The running app's address (headless mode), when it has one. */
  where?: string;
  /** Why it could not open the argument, or could not be reached. */
  message?: string;
}

export interface SecondClaim {
  first: false;
  holder: LockRecord;
  handOver(argument?: string): Promise<HandOverAnswer>;
}

export type Claim = { first: true; release(): Promise<void> } | SecondClaim;

/** Takes the data folder for this process, or finds the process that has it. */
export async function claimDataFolder(
  dataDir: string,
  kind: 'headless' | 'desktop',
  actions: FirstInstanceActions,
): Promise<Claim> {
  const secret = randomBytes(24).toString('base64url');
  const server = createServer((req, res) => {
    handle(req, res, secret, actions).catch(() => answer(res, 500, { ok: false }));
  });
  // The endpoint listens before the lock names it, so a lock on disk always has a live endpoint.
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  server.unref();
  const port = (server.address() as AddressInfo).port;
  const closeServer = () => new Promise<void>((done) => server.close(() => done()));
  let attempt;
  try {
    attempt = await acquireDataFolderLock(dataDir, { pid: process.pid, port, secret, kind });
  } catch (err) {
    await closeServer();
    throw err;
  }
  if ('held' in attempt) {
    const held = attempt.held;
    return {
      first: true,
      release: async () => {
        await held.release();
        server.closeAllConnections();
        await closeServer();
      },
    };
  }
  await closeServer();
  const holder = attempt.holder;
  return { first: false, holder, handOver: (argument) => handOver(holder, argument) };
}

/**
 * A second launch: hands its argument (if any) to the running app and says what happened, in the
 * words the user reads before this process exits with `code`.
 */
export async function handOverToFirst(
  claim: SecondClaim,
  open: string | undefined,
  cwd: string,
): Promise<{ code: 0 | 1; message: string }> {
  const given = open === undefined ? undefined : absoluteArgument(open, cwd);
  const answer = await claim.handOver(given);
  const running = `Essaim is already running with this data folder (pid ${claim.holder.pid})`;
  if (!answer.ok) {
    const what = given === undefined ? 'it did not answer' : 'it could not open this';
    return { code: 1, message: `${running}, but ${what}: ${answer.message ?? 'no reason given'}.` };
  }
  const where = answer.where ? `, at ${answer.where}` : ', in its window';
  return {
    code: 0,
    message:
      given === undefined
        ? `${running}${where}.`
        : `${running}; the title was opened there${where}.`,
  };
}

/** A .torrent path given relative to the second launch's folder means nothing to the first one. */
export function absoluteArgument(argument: string, cwd: string): string {
  if (parseOpenInput(argument).ok || isAbsolute(argument)) return argument;
  return resolve(cwd, argument);
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  secret: string,
  actions: FirstInstanceActions,
): Promise<void> {
  const given = req.headers[SECRET_HEADER];
  if (
    req.method !== 'POST' ||
    req.url !== PATH ||
    typeof given !== 'string' ||
    !same(given, secret)
  )
    return answer(res, 403, { ok: false });
  const body = await readBody(req);
  const argument = body === undefined ? undefined : argumentOf(body);
  if (argument === null || body === undefined)
    return answer(res, 400, { ok: false, message: 'This could not be opened.' });
  if (argument === undefined) {
    actions.show();
    return answer(res, 200, withWhere({ ok: true }, actions.where()));
  }
  // The same strict parser as the command line: a magnet, an info hash, a .torrent path or URL.
  const parsed = parseArgs([argument]);
  if (parsed.errors.length > 0 || parsed.open === undefined)
    return answer(res, 400, { ok: false, message: parsed.errors.join(' ') });
  try {
    await actions.open(parsed.open);
    actions.show();
    answer(res, 200, withWhere({ ok: true }, actions.where()));
  } catch (err) {
    answer(res, 422, { ok: false, message: err instanceof Error ? err.message : String(err) });
  }
}

function withWhere(result: HandOverAnswer, where: string | undefined): HandOverAnswer {
  return where === undefined ? result : { ...result, where };
}

/** undefined: no argument; null: a malformed request. */
function argumentOf(body: string): string | undefined | null {
  try {
    const value = JSON.parse(body) as { argument?: unknown };
    if (value.argument === undefined) return undefined;
    return typeof value.argument === 'string' ? value.argument : null;
  } catch {
    return null;
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        done(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => done(undefined));
  });
}

function answer(res: ServerResponse, status: number, body: HandOverAnswer): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function handOver(holder: LockRecord, argument?: string): Promise<HandOverAnswer> {
  const body = JSON.stringify(argument === undefined ? {} : { argument });
  return new Promise((done) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: holder.port,
        path: PATH,
        method: 'POST',
        headers: {
          [SECRET_HEADER]: holder.secret,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        },
        timeout: HAND_OVER_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            done(JSON.parse(Buffer.concat(chunks).toString('utf8')) as HandOverAnswer);
          } catch {
            done({ ok: false, message: 'It gave an answer this version does not understand.' });
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('It did not answer in time.')));
    req.on('error', (err) => done({ ok: false, message: err.message }));
    req.end(body);
  });
}
