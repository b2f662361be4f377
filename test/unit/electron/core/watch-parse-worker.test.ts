import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { watchParseWorker } from '../../../../electron/core/watch-parse-worker.js';

function watched(state = { current: true, closed: false }) {
  const worker = new EventEmitter();
  const events = { started: vi.fn(), stored: vi.fn(), answered: vi.fn(), died: vi.fn() };
  watchParseWorker(worker as never, { isCurrent: () => state.current, isClosed: () => state.closed }, events);
  return { worker, events, state };
}

describe('watchParseWorker', () => {
  it('passes on what the worker says of its jobs', () => {
    const { worker, events } = watched();
    worker.emit('message', { id: 1, started: true });
    worker.emit('message', { id: 1, stored: 'abc' });
    worker.emit('message', { id: 1, error: 'boom' });
    expect(events.started).toHaveBeenCalledWith(1);
    expect(events.stored).toHaveBeenCalledWith(1, 'abc');
    expect(events.answered).toHaveBeenCalledWith(1, { id: 1, error: 'boom' });
  });

  it("tells a death once ('error' then 'exit'), and nothing of a worker its slot replaced", () => {
    const { worker, events, state } = watched();
    worker.emit('error', new Error('out of memory'));
    worker.emit('exit', 1);
    expect(events.died).toHaveBeenCalledTimes(1);

    state.current = false;
    worker.emit('message', { id: 2, started: true });
    expect(events.started).not.toHaveBeenCalled();
  });

  it('takes an exit while the pool closes for no death', () => {
    const { worker, events } = watched({ current: true, closed: true });
    worker.emit('exit', 0);
    expect(events.died).not.toHaveBeenCalled();
  });
});
