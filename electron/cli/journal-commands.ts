import { openKeptRaw } from '../core/open-kept-raw.js';
import { isReasonCode, type ReasonCode } from '#shared/model/reason-code.js';
import { CliError, usageError } from './cli-error.js';
import type { CliOutput } from './cli-output.js';
import { formatResultLine } from './format-result.js';
import { openCliStore } from './open-cli-store.js';
import {
  booleanOption,
  parseCommandArgs,
  stringOption,
  type ParsedCommandArgs,
} from './parse-command-args.js';

/** Result ids as given on the command line (the `id` column of `results`). */
function resultIds(command: string, args: ParsedCommandArgs): ReadonlyArray<number> {
  return args.positionals.map((text) => {
    const id = Number(text);
    if (!Number.isInteger(id) || id < 1) {
      throw usageError(
        `${command}: a result id is a whole number (the id column of 'results'), not ${JSON.stringify(text)}`,
      );
    }
    return id;
  });
}

/** C6 `retry [ID…]`: failed syncs go back to the outbox, due now (no id: every failed one). */
export async function runRetryCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('retry', args, { store: { type: 'string' } });
  const ids = resultIds('retry', parsed);
  const opened = openCliStore(stringOption(parsed, 'store'));
  try {
    const revived = opened.store.retrySync(ids.length > 0 ? { resultIds: ids } : {});
    out.print(
      revived.length === 0
        ? 'No failed sync to retry.'
        : `Queued again for sync: ${revived.length} result(s) (${revived.join(', ')}).`,
    );
    return 0;
  } finally {
    opened.close();
  }
}

/**
 * C6 `reprocess [ID…] [--status rejected|skipped] [--reason CODE]`: runs rejected or skipped messages again
 * from their kept raw bytes, after the CRM data was fixed (an alias added, a never-log entry removed…). A message
 * that now logs is a new result; the old one stays in the journal.
 */
export async function runReprocessCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('reprocess', args, {
    store: { type: 'string' },
    status: { type: 'string' },
    reason: { type: 'string' },
    json: { type: 'boolean' },
  });
  const ids = resultIds('reprocess', parsed);
  const status = stringOption(parsed, 'status');
  if (status !== undefined && status !== 'rejected' && status !== 'skipped') {
    throw usageError(`reprocess: --status is rejected or skipped, not ${JSON.stringify(status)}`);
  }
  const reason = stringOption(parsed, 'reason');
  if (reason !== undefined && !isReasonCode(reason)) {
    throw usageError(`reprocess: unknown reason code ${JSON.stringify(reason)}`);
  }
  const opened = openCliStore(stringOption(parsed, 'store'));
  try {
    const todo = opened.store.reprocessable({
      ...(ids.length > 0 ? { resultIds: ids } : {}),
      ...(status === undefined ? {} : { status }),
      ...(reason === undefined ? {} : { reasons: [reason as ReasonCode] }),
    });
    if (todo.length === 0) {
      out.print('Nothing to reprocess: no rejected or skipped result matches.');
      return 0;
    }
    for (const item of todo) {
      // Not `resume`: the point is a new decision on the same bytes, not the old result.
      const result = await opened.pipeline.logMessage({
        ...openKeptRaw(item.rawSha256, opened),
        envelope: {},
        ...(item.file === null ? {} : { file: item.file }),
      });
      out.print(
        booleanOption(parsed, 'json')
          ? JSON.stringify(result)
          : `#${item.resultId} → ${formatResultLine(result)}`,
      );
    }
    return 0;
  } finally {
    opened.close();
  }
}

/** C6 `forget ID…`: removes a logged email locally (and its blobs no other email uses). */
export async function runForgetCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('forget', args, { store: { type: 'string' } });
  const ids = resultIds('forget', parsed);
  if (ids.length === 0) {
    throw usageError('usage: forget RESULT_ID… (the id column of results)');
  }
  const opened = openCliStore(stringOption(parsed, 'store'));
  try {
    let exitCode = 0;
    for (const id of ids) {
      const forgotten = opened.store.forget(id);
      if (forgotten === null) {
        out.error(`no result ${id} in this store`);
        exitCode = 1;
        continue;
      }
      for (const sha256 of forgotten.unreferencedBlobs) {
        await opened.blobs.remove(sha256);
      }
      const remote =
        forgotten.remote === null
          ? ''
          : ` The CRM backend still holds it (${forgotten.remote.state}${forgotten.remote.remoteId ? `, ${forgotten.remote.remoteId}` : ''}): delete it there too.`;
      out.print(`Forgot result ${id} (${forgotten.messageId ?? 'no Message-ID'}).${remote}`);
    }
    return exitCode;
  } catch (error) {
    if (error instanceof Error && error.name === 'CrmStoreError') {
      throw new CliError(error.message);
    }
    throw error;
  } finally {
    opened.close();
  }
}
