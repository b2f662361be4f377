import { describe, expect, it } from 'vitest';
import { createNotMineMemory } from '../../../../electron/intake/not-mine-memory.js';

describe('createNotMineMemory', () => {
  it('forgets the remembered messages once when the facts revision changes', () => {
    let revision = 1;
    const memory = createNotMineMemory(() => revision);
    memory.notMine.add('7:10');

    memory.refresh();
    expect([...memory.notMine]).toEqual(['7:10']);

    revision = 2;
    memory.refresh();
    expect(memory.notMine.size).toBe(0);
  });

  it('remembers them as long as they stay without a revision', () => {
    const memory = createNotMineMemory();
    memory.notMine.add('7:10');
    memory.refresh();
    expect(memory.notMine.size).toBe(1);
  });
});
