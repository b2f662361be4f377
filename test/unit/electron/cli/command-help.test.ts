import { describe, expect, it } from 'vitest';
import { commandHelp, formatCommandHelp, type CommandName } from '../../../../electron/cli/command-help.js';

const names = Object.keys(commandHelp) as CommandName[];

describe('formatCommandHelp', () => {
  it.each(names)('%s: wraps at 100 characters, continuation lines under the column they continue', (name) => {
    const lines = formatCommandHelp(name).split('\n');
    const prose = lines.filter((line) => !/^(Usage:| {7}crm-mail-logger| {2}crm-mail-logger)/.test(line));
    expect(prose.filter((line) => line.length > 100)).toEqual([]);
    const start = lines.indexOf('Options:');
    const options = start === -1 ? [] : lines.slice(start + 1, lines.indexOf('', start));
    expect(options.length > 0).toBe(commandHelp[name].options.length > 0);
    const column = /^ {2}\S+(?: \S+)? +/.exec(options[0] ?? '')?.[0].length;
    for (const line of options.filter((each) => !each.startsWith('  -'))) {
      expect(line.length - line.trimStart().length, line).toBe(column);
    }
  });

  it('names each option of the usage line in the options table', () => {
    for (const name of names) {
      const flags = new Set(commandHelp[name].options.map(([flag]) => flag.split(' ')[0]));
      const used = commandHelp[name].usage.flatMap((usage) => usage.match(/--[a-z-]+/g) ?? []);
      expect(
        used.filter((flag) => !flags.has(flag)),
        name,
      ).toEqual([]);
    }
  });
});
