import { parseArgs } from 'node:util';
import { usageError } from './cli-error.js';

export type OptionSpec = Readonly<
  Record<string, { readonly type: 'string' | 'boolean'; readonly multiple?: boolean }>
>;

export type ParsedCommandArgs = {
  readonly values: Readonly<Record<string, string | boolean | ReadonlyArray<string> | undefined>>;
  readonly positionals: ReadonlyArray<string>;
};

/** `util.parseArgs` in strict mode, with its errors turned into one-line usage errors. */
export function parseCommandArgs(
  command: string,
  args: ReadonlyArray<string>,
  options: OptionSpec,
): ParsedCommandArgs {
  try {
    const parsed = parseArgs({
      args: [...args],
      options: { ...options },
      allowPositionals: true,
      strict: true,
    });
    return { values: parsed.values as ParsedCommandArgs['values'], positionals: parsed.positionals };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw usageError(`${command}: ${message}`);
  }
}

/** A string option's value, or undefined. */
export function stringOption(args: ParsedCommandArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function booleanOption(args: ParsedCommandArgs, name: string): boolean {
  return args.values[name] === true;
}
