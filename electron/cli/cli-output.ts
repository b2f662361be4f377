/** Where the CLI writes: injected so tests can capture it, and so that only the CLI touches the console. */
export type CliOutput = {
  print(line: string): void;
  error(line: string): void;
};

export const processOutput: CliOutput = {
  print: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`crm-mail-logger: ${line}\n`),
};
