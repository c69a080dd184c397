// Which addresses untrusted input must never make the app contact: written forms, and names
// that resolve to this machine.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isPrivateAddressUrl, isPrivateIp, resolvesToPrivateAddress } from './private-address.js';

describe('isPrivateAddressUrl', () => {
  it.each([
    'http://127.0.0.1:8000/announce',
    'udp://127.0.0.1:6969',
    'udp://0x7f.1:6969',
    'http://2130706433/',
    'ws://localhost:8000',
    'wss://tracker.localhost',
    'https://nas.local/seed/',
    'http://10.1.2.3/',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data',
    'http://0.0.0.0:80/',
    'http://[::1]:8080/',
    'udp://[fd00::1]:6969',
    'http://[fe80::1]/',
    'http://[::ffff:192.168.0.1]/',
    'http://LOCALHOST./',
    'http://nas/',
    'http://router.lan/admin',
    'http://printer.home.arpa/',
    'http://100.100.1.1/',
    'http://198.18.0.1/',
    'udp://224.0.0.1:6771',
    'http://[fec0::1]/',
    'http://[64:ff9b::c0a8:1]/',
  ])('%s is private', (url) => {
    expect(isPrivateAddressUrl(url)).toBe(true);
  });

  it.each([
    'udp://tracker.opentrackr.org:1337/announce',
    'wss://tracker.openwebtorrent.com',
    'https://webtorrent.io/torrents/',
    'http://172.32.0.1/',
    'http://8.8.8.8/',
    'http://[2001:db8::1]/',
    'http://[::ffff:8.8.8.8]/',
    'file:///etc/passwd',
    'not a url',
  ])('%s is not private', (url) => {
    expect(isPrivateAddressUrl(url)).toBe(false);
  });
});

describe('isPrivateIp', () => {
  it('reads peer addresses as sockets report them, IPv4-mapped forms included', () => {
    for (const ip of ['127.0.0.1', '::ffff:127.0.0.1', '::ffff:192.168.1.20', '::ffff:7f00:1'])
      expect(isPrivateIp(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '::ffff:8.8.8.8', '2001:db8::1'])
      expect(isPrivateIp(ip), ip).toBe(false);
  });
});

describe('resolvesToPrivateAddress', () => {
  // Public DNS cannot be reached here, so a resolver stands in for it: it answers what a public
  // name pointing at a private address (127.0.0.1.nip.io, DNS rebinding) would answer.
  const answers: Record<string, string[]> = {
    'evil.example.com': ['93.184.216.34', '192.168.1.1'],
    'rebind.example.net': ['127.0.0.1'],
    'cdn.example.org': ['93.184.216.34', '2606:2800:220:1::1'],
  };
  const resolver = async (host: string) => (answers[host] ?? []).map((address) => ({ address }));

  it('catches names that resolve to a private address, even among public ones', async () => {
    expect(await resolvesToPrivateAddress('https://evil.example.com/x.torrent', resolver)).toBe(
      true,
    );
    expect(await resolvesToPrivateAddress('http://rebind.example.net/x.torrent', resolver)).toBe(
      true,
    );
  });

  it('passes names that resolve only to public addresses', async () => {
    expect(await resolvesToPrivateAddress('https://cdn.example.org/x.torrent', resolver)).toBe(
      false,
    );
  });

  it('uses the system resolver by default: /etc/hosts names of this machine are caught', async () => {
    const hosts = await readFile('/etc/hosts', 'utf8').catch(() => '');
    const local = hosts
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim().split(/\s+/))
      .filter(([ip]) => ip === '127.0.0.1' || ip === '::1')
      .flatMap(([, ...names]) => names);
    expect(local.length).toBeGreaterThan(0);
    for (const name of local) {
      expect(await resolvesToPrivateAddress(`http://${name}:8080/x.torrent`)).toBe(true);
    }
  });

  it('leaves an unresolvable name to the fetch, which then fails on its own', async () => {
    expect(await resolvesToPrivateAddress('https://no-such-host.invalid/x.torrent')).toBe(false);
  });
});
