// OS hand-overs with 'electron' replaced by a test double: a second launch, macOS open-file and
// open-url all pass through the strict parser before anything is opened.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { installOsHandoffs } = await import('./os-handoff.js');

const MAGNET = `magnet:?xt=urn:btih:${'b'.repeat(40)}`;

function setup() {
  const app = new EventEmitter();
  const actions = { open: vi.fn(), focus: vi.fn(), refuse: vi.fn() };
  installOsHandoffs(app as never, false, actions);
  const emitWithEvent = (name: string, value: unknown) => {
    const preventDefault = vi.fn();
    app.emit(name, { preventDefault }, value);
    return preventDefault;
  };
  return { app, actions, emitWithEvent };
}

describe('OS hand-overs', () => {
  it('opens the magnet of a second launch and focuses the window', () => {
    const { app, actions } = setup();
    app.emit('second-instance', {}, ['/opt/Essaim/essaim', '--some-chromium-switch', MAGNET]);
    expect(actions.open).toHaveBeenCalledWith(MAGNET);
    expect(actions.focus).toHaveBeenCalled();
  });

  it('refuses a second launch with something that cannot be opened, and opens nothing', () => {
    const { app, actions } = setup();
    app.emit('second-instance', {}, ['/opt/Essaim/essaim', 'javascript:alert(1)']);
    expect(actions.open).not.toHaveBeenCalled();
    expect(actions.refuse).toHaveBeenCalledWith([expect.stringContaining('cannot be opened')]);
  });

  it('takes .torrent files and magnet links from macOS events, nothing else', () => {
    const { actions, emitWithEvent } = setup();
    expect(emitWithEvent('open-file', '/Users/ana/film.torrent')).toHaveBeenCalled();
    expect(emitWithEvent('open-url', MAGNET)).toHaveBeenCalled();
    emitWithEvent('open-file', '/Users/ana/installer.app');
    emitWithEvent('open-url', 'file:///etc/passwd');
    expect(actions.open.mock.calls).toEqual([['/Users/ana/film.torrent'], [MAGNET]]);
  });
});
