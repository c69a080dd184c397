// A title's poster, or a generated placeholder (colours derived from the name, initials as text)
// when there is none or it fails to load (the local server answers 404 for a picture it could not
// fetch). Only pictures from the engine's local server and embedded images are used.
import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { isShowablePicture } from '../../lib/picture-address';

interface Props {
  src: string | undefined;
  name: string;
  className?: string;
}

export function Poster({ src, name, className = '' }: Props) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const usable = isShowablePicture(src) && !failed;
  if (usable) {
    return (
      <img
        className={`poster ${className}`}
        src={src}
        alt={t('poster.alt', { name })}
        loading="lazy"
        decoding="async"
        onError={() => setFailed(true)}
      />
    );
  }
  const hue = hashHue(name);
  const style = { '--hue-a': `${hue}`, '--hue-b': `${(hue + 50) % 360}` } as CSSProperties;
  return (
    <div
      className={`poster poster--placeholder ${className}`}
      style={style}
      role="img"
      aria-label={t('poster.placeholder', { name })}
    >
      <span aria-hidden="true">{initials(name)}</span>
    </div>
  );
}

function hashHue(text: string): number {
  let hash = 0;
  for (const ch of text) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return hash % 360;
}

function initials(name: string): string {
  const words = name.split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w));
  return words
    .slice(0, 2)
    .map((w) => [...w][0] ?? '')
    .join('')
    .toUpperCase();
}
