// Locale-aware wrappers around lib/format for components: numbers through Intl, units translated.
import { useTranslation } from 'react-i18next';
import { byteParts, formatClock } from './format';

export function useFormat() {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const bytes = (count: number): string => {
    const { value, unit } = byteParts(count);
    return t('units.bytes', { value: number.format(value), unit: t(`units.${unit}`) });
  };
  const speed = (perSecond: number): string => {
    const { value, unit } = byteParts(perSecond);
    return t('units.speed', { value: number.format(value), unit: t(`units.${unit}`) });
  };
  return { bytes, speed, clock: formatClock, number: (n: number) => number.format(n) };
}
