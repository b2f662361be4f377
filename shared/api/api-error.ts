import { z } from 'zod';

/**
 * Stable error codes of the local API (docs/api.md). The UI derives its words from the code, in the user's
 * language; `message` is the English sentence for scripts and logs.
 */
export const apiErrorCodes = [
  'INPUT.INVALID',
  'AUTH.REQUIRED',
  'AUTH.INVALID',
  'AUTH.FORBIDDEN',
  'REQUEST.HOST',
  'REQUEST.ORIGIN',
  'REQUEST.TOO_LARGE',
  'REQUEST.METHOD',
  'REQUEST.RATE_LIMITED',
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE',
  'MAILBOX.UNREACHABLE',
  'MAILBOX.AUTH',
  'BACKEND.UNREACHABLE',
  'BACKEND.AUTH',
  'STORE.ERROR',
  'INTERNAL',
] as const;

export type ApiErrorCode = (typeof apiErrorCodes)[number];

const apiErrorSchema = z.object({ code: z.enum(apiErrorCodes), message: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;

/** Every reply, over HTTP and IPC alike: data, never a thrown error or a stack. */
export type ApiReply<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export function apiReplySchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: apiErrorSchema }),
  ]);
}

export function apiFailure(code: ApiErrorCode, message: string): ApiReply<never> {
  return { ok: false, error: { code, message } };
}
