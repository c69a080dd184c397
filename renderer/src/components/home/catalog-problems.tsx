// Catalog entries that could not be read: one quiet expandable line, details as plain text.
import { useTranslation } from 'react-i18next';
import type { CatalogProblem } from '../../../../shared/domain';

export function CatalogProblems({ problems }: { problems: CatalogProblem[] }) {
  const { t } = useTranslation();
  return (
    <details className="catalog-problems">
      <summary>{t('catalog.problems', { count: problems.length })}</summary>
      <ul>
        {problems.map((problem, index) => (
          // problems have no id and never reorder while shown, so the index is a stable key
          <li key={index}>
            {t('catalog.problem', {
              where: problem.entry ?? problem.catalog,
              message: problem.message,
            })}
          </li>
        ))}
      </ul>
    </details>
  );
}
