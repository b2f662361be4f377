import { randomUUID } from 'node:crypto';

/** What a route returns; `body` is validated against the route's response schema before it is sent. */
export type RouteResponse = {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
};

/** docs/hubspot.md: HubSpot's standard `Error` body (plus the `status: "error"` real responses carry). */
export function errorBody(
  status: number,
  category: string,
  message: string,
  extra: Record<string, unknown> = {},
): RouteResponse {
  return { status, body: { status: 'error', message, correlationId: randomUUID(), category, ...extra } };
}

export function validationError(message: string, extra: Record<string, unknown> = {}): RouteResponse {
  return errorBody(400, 'VALIDATION_ERROR', message, extra);
}

/** One invalid property, in the form HubSpot nests it inside the message (`Property values were not valid: [...]`). */
export type PropertyProblem = { readonly name: string; readonly error: string; readonly message: string };

export function propertyValuesError(problems: ReadonlyArray<PropertyProblem>): RouteResponse {
  const detail = problems.map((p) => ({
    isValid: false,
    message: p.message,
    error: p.error,
    name: p.name,
    localizedErrorMessage: p.message,
  }));
  return validationError(`Property values were not valid: ${JSON.stringify(detail)}`);
}

export function notFound(message: string): RouteResponse {
  return errorBody(404, 'OBJECT_NOT_FOUND', message);
}

/** docs/hubspot.md: the documented 409 of a duplicate contact email, with the existing id to parse. */
export function contactExists(email: string, existingId: string): RouteResponse {
  return errorBody(409, 'OBJECT_ALREADY_EXISTS', `Contact already exists. Existing ID: ${existingId}`, {
    error: 'CONTACT_EXISTS',
    errors: [
      { message: `A contact with email ${email} already exists. Existing ID: ${existingId}`, in: 'email' },
    ],
  });
}

export type RateLimitPolicy = 'DAILY' | 'TEN_SECONDLY_ROLLING' | 'SECONDLY';

/** docs/hubspot.md: the 429 body has its own shape; the SDK keys on `policyName` and on the secondly message. */
export function rateLimited(
  policy: RateLimitPolicy,
  headers: Readonly<Record<string, string>>,
): RouteResponse {
  const message = {
    DAILY: 'You have reached your daily limit.',
    TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
    SECONDLY: 'You have reached your secondly limit.',
  }[policy];
  return {
    status: 429,
    body: {
      status: 'error',
      message,
      errorType: 'RATE_LIMIT',
      correlationId: randomUUID(),
      policyName: policy,
      requestId: randomUUID(),
    },
    headers,
  };
}
