// Types for the part of utp-native (webtorrent's uTP) the transport tests use to stand for a
// peer that speaks only uTP, and to connect to the engine over uTP.
declare module 'utp-native' {
  import type { Duplex } from 'node:stream';
  interface UtpServer {
    listen(port: number, host: string, cb?: () => void): void;
    address(): { port: number };
    on(event: 'connection', listener: (socket: Duplex) => void): this;
    close(cb?: () => void): void;
  }
  const utp: {
    createServer(): UtpServer;
    connect(port: number, host: string): Duplex;
  };
  export default utp;
}
