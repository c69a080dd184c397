// "My list": the titles the user kept for later, most recently added first.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { myListTitles } from '../../lib/continue-watching';
import { useAppStore } from '../../store/app-store';
import { TitleCard } from './title-card';

export function MyListRow() {
  const { t } = useTranslation();
  const catalog = useAppStore((s) => s.catalog);
  const marks = useAppStore((s) => s.marks);
  const titles = useMemo(() => myListTitles(catalog, marks), [catalog, marks]);
  if (titles.length === 0) return null;
  return (
    <section aria-labelledby="my-list-heading" className="shelf" data-testid="my-list-row">
      <h2 id="my-list-heading" className="shelf__heading">
        {t('myList.heading')}
      </h2>
      <ul className="title-row">
        {titles.map((title) => (
          <TitleCard key={title.id} title={title} />
        ))}
      </ul>
    </section>
  );
}
