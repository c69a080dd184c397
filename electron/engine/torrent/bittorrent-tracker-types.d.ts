// Types for the part of bittorrent-tracker 11 the engine uses (the package ships none): the
// announcing client, written from its client.js. Only what the engine calls is declared.
declare module 'bittorrent-tracker' {
  import type { EventEmitter } from 'node:events';

  export interface ClientOptions {
    infoHash: string;
    peerId: string;
    announce: string[];
    port: number;
    getAnnounceOpts?: () => { uploaded?: number; downloaded?: number; left?: number };
  }

  export class Client extends EventEmitter {
    constructor(opts: ClientOptions);
    start(): void;
    stop(): void;
    destroy(cb?: (err?: Error | null) => void): void;
  }
}

declare module 'bittorrent-tracker' {
  import type { EventEmitter } from 'node:events';
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface ServerOptions {
    http?: boolean;
    udp?: boolean;
    ws?: boolean;
    stats?: boolean;
    interval?: number;
    filter?: (infoHash: string, params: unknown, cb: (err: Error | null) => void) => void;
  }

  /** The tracker server: the broadcaster mounts its HTTP handler on its own origin. */
  export class Server extends EventEmitter {
    constructor(opts?: ServerOptions);
    onHttpRequest(req: IncomingMessage, res: ServerResponse, opts?: { action?: string }): void;
    close(cb?: () => void): void;
  }
}
