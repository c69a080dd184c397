// The add-on search in the window's store: only the latest words' answer is shown, the same words
// are not asked twice, and clearing the box drops an answer still on its way.
import { beforeEach, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../../shared/api';
import type { Bridge } from '../../../shared/bridge';
import type { Result } from '../../../shared/errors';
import { connectStore } from './actions';
import { clearAddonSearch, searchAddons } from './addon-search';
import { useAppStore } from './app-store';

type Answer = Result<CommandOutput<'catalog:search'>>;
const asked: { query: string; answer: (value: Answer) => void }[] = [];

const bridge = {
  invoke: (name: string, input: unknown) => {
    if (name !== 'catalog:search') return new Promise(() => {});
    return new Promise<Answer>((answer) => {
      asked.push({ query: (input as { query: string }).query, answer });
    });
  },
  on: () => () => {},
} as unknown as Bridge;
connectStore({ bridge, connectionState: () => 'closed', onConnectionChange: () => () => {} });

const found = (name: string): Answer => ({
  ok: true,
  value: {
    titles: [{ id: `stremio:a:${name}`, name, kind: 'film' }],
    problems: ['Slow Add-on did not answer in time.'],
  },
});

beforeEach(() => {
  asked.length = 0;
  clearAddonSearch();
});

describe('searchAddons', () => {
  it('ignores the answer for older words that arrives last', async () => {
    const first = searchAddons('zeb');
    const second = searchAddons('  zebra ');
    expect(asked.map((a) => a.query)).toEqual(['zeb', 'zebra']);
    expect(useAppStore.getState().addonSearch).toMatchObject({
      query: 'zebra',
      status: 'searching',
    });
    asked[1]?.answer(found('Zebra'));
    await second;
    asked[0]?.answer(found('Zeb'));
    await first;
    expect(useAppStore.getState().addonSearch).toMatchObject({
      query: 'zebra',
      status: 'done',
      titles: [{ name: 'Zebra' }],
      problems: ['Slow Add-on did not answer in time.'],
    });
  });

  it('does not ask again for the words already answered, and a cleared box stays cleared', async () => {
    const first = searchAddons('zebra');
    asked[0]?.answer(found('Zebra'));
    await first;
    await searchAddons('zebra');
    expect(asked).toHaveLength(1);

    const late = searchAddons('lion');
    clearAddonSearch();
    asked[1]?.answer(found('Lion'));
    await late;
    expect(useAppStore.getState().addonSearch).toBeNull();
  });

  it('keeps a failure in plain words and asks again next time', async () => {
    const first = searchAddons('zebra');
    asked[0]?.answer({ ok: false, error: { code: 'network', message: 'The engine is away.' } });
    await first;
    expect(useAppStore.getState().addonSearch).toMatchObject({
      status: 'failed',
      error: { message: 'The engine is away.' },
    });
    void searchAddons('zebra');
    expect(asked).toHaveLength(2);
  });
});
