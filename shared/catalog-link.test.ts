import { describe, expect, it } from 'vitest';
import { formatCatalogLink, isCatalogLinkText, parseCatalogLink } from './catalog-link.js';

const pk = 'a'.repeat(32) + '0123456789abcdef'.repeat(2);

describe('catalog links', () => {
  it('reads back what it writes', () => {
    const link = {
      publicKey: pk,
      mirror: 'https://films.example.org/catalog.signed.json',
      name: 'Ciné & co <b>',
    };
    expect(parseCatalogLink(formatCatalogLink(link))).toEqual({ ok: true, link });
    expect(parseCatalogLink(`essaim-catalog:?pk=${pk}`)).toEqual({
      ok: true,
      link: { publicKey: pk },
    });
  });

  it('accepts an upper-case key and scheme, and stores the key in lower case', () => {
    const parsed = parseCatalogLink(`  ESSAIM-CATALOG:?pk=${pk.toUpperCase()}  `);
    expect(parsed).toEqual({ ok: true, link: { publicKey: pk } });
    expect(isCatalogLinkText('essaim-catalog:?pk=x')).toBe(true);
    expect(isCatalogLinkText('https://example.org')).toBe(false);
  });

  it('refuses what is not a catalog link', () => {
    for (const text of [
      '',
      'magnet:?xt=urn:btih:abc',
      `essaim-live:?pk=${pk}`,
      `essaim-catalog:pk=${pk}`,
      `essaim-catalog:?pk=${pk}%E0%A4%A`,
      `essaim-catalog:?pk=${pk}&dn=${'x'.repeat(5000)}`,
    ]) {
      expect(parseCatalogLink(text), text.slice(0, 60)).toMatchObject({
        ok: false,
        problem: 'not-a-catalog-link',
      });
    }
    // a wrong type from a hostile caller is refused, not thrown
    expect(parseCatalogLink(42 as unknown as string)).toMatchObject({ ok: false });
  });

  it('refuses a missing, short, non-hex or doubled key', () => {
    for (const text of [
      'essaim-catalog:?mirror=https%3A%2F%2Fa.b',
      'essaim-catalog:?pk=abc',
      `essaim-catalog:?pk=${'g'.repeat(64)}`,
      `essaim-catalog:?pk=${pk}0`,
      `essaim-catalog:?pk=${pk}&pk=${'b'.repeat(64)}`,
      `essaim-catalog:?pk=${pk.slice(0, 63)}%00`,
    ]) {
      expect(parseCatalogLink(text), text).toMatchObject({ ok: false, problem: 'bad-key' });
    }
  });

  it('refuses a mirror that is not an http(s) address or carries a password', () => {
    for (const mirror of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<script>x</script>',
      'not a url',
      'https://user:secret@example.org/c.json',
    ]) {
      const text = `essaim-catalog:?pk=${pk}&mirror=${encodeURIComponent(mirror)}`;
      expect(parseCatalogLink(text), mirror).toMatchObject({ ok: false, problem: 'bad-mirror' });
    }
    const two = `essaim-catalog:?pk=${pk}&mirror=https%3A%2F%2Fa.b&mirror=https%3A%2F%2Fc.d`;
    expect(parseCatalogLink(two)).toMatchObject({ ok: false, problem: 'bad-mirror' });
  });

  it('keeps a private-address mirror for the fetch guard to judge, and cleans the name', () => {
    const text = `essaim-catalog:?pk=${pk}&mirror=http%3A%2F%2F127.0.0.1%3A8080%2Fc.json&dn=A%0Ab%07&x=1`;
    expect(parseCatalogLink(text)).toEqual({
      ok: true,
      link: { publicKey: pk, mirror: 'http://127.0.0.1:8080/c.json', name: 'Ab' },
    });
  });
});
