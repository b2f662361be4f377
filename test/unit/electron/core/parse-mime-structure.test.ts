import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { mimeDepth, partDepth, truncateUtf8 } from '../../../../electron/core/parse-mime-structure.js';
import { createStopper, untilDrained } from '../../../../electron/core/parse-stopper.js';

describe('mimeDepth', () => {
  it('counts the levels of a part tree, the message itself being 1', () => {
    const tree = { children: [{ children: [] }, { children: [{ children: [{}] }] }] };
    expect(mimeDepth(tree, [])).toBe(4);
  });

  it('falls back to the attachments part numbers without a tree', () => {
    expect([mimeDepth(undefined, []), mimeDepth(undefined, ['1', '2.1.3'])]).toEqual([1, 4]);
  });

  it('measures a 100,000-level tree without overflowing the stack', () => {
    let tree: { children: unknown[] } = { children: [] };
    for (let level = 1; level < 100_000; level += 1) {
      tree = { children: [tree] };
    }
    expect(mimeDepth(tree, [])).toBe(100_000);
  });

  it('reads part numbers as depths', () => {
    expect([partDepth(null), partDepth('1'), partDepth('1.2')]).toEqual([1, 2, 3]);
  });
});

describe('truncateUtf8', () => {
  it('leaves a value that fits', () => {
    expect(truncateUtf8('日本', 6)).toBeNull();
  });

  it('never cuts inside a character, 4-byte ones included', () => {
    expect([truncateUtf8('日本語', 7), truncateUtf8('a😀b', 4)]).toEqual([
      { text: '日本', bytes: 9, keptBytes: 6 },
      { text: 'a', bytes: 6, keptBytes: 1 },
    ]);
  });
});

describe('createStopper and untilDrained', () => {
  it('calls every listener once, at once when already stopped', () => {
    const stopper = createStopper();
    const calls: string[] = [];
    stopper.onStop(() => calls.push('a'));
    const unsubscribe = stopper.onStop(() => calls.push('b'));
    unsubscribe();
    stopper.stop();
    stopper.stop();
    stopper.onStop(() => calls.push('late'));
    expect([stopper.stopped, calls]).toEqual([true, ['a', 'late']]);
  });

  it('resolves on drain, on error and on stop, and leaves no listener behind', async () => {
    const stream = new EventEmitter();
    const stopper = createStopper();
    const onDrain = untilDrained(stream, stopper);
    stream.emit('drain');
    await onDrain;
    const onError = untilDrained(stream, stopper);
    stream.emit('error', new Error('x'));
    await onError;
    const onStop = untilDrained(stream, stopper);
    stopper.stop();
    await onStop;
    await untilDrained(stream, stopper); // already stopped
    expect([stream.listenerCount('drain'), stream.listenerCount('error')]).toEqual([0, 0]);
  });
});
