// Which web links a feed or the Internet Archive may hand to the player: https on the internet, and
// links to this machine or the local network only when the local-network setting allows them.
import { isPrivateAddressUrl } from '../../torrent/private-address.js';

/** 'insecure' = plain http on the internet; 'private' = local network while the setting is off. */
export type LinkVerdict = 'ok' | 'insecure' | 'private' | 'invalid';

export function judgeLink(raw: string, allowLocalNetwork: boolean): LinkVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'invalid';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'invalid';
  if (url.username !== '' || url.password !== '') return 'invalid';
  if (isPrivateAddressUrl(url.toString())) return allowLocalNetwork ? 'ok' : 'private';
  // a home server may well speak plain http; on the internet only https is trusted for catalogs
  return url.protocol === 'https:' ? 'ok' : 'insecure';
}
