import type { ForwardExtraction } from '../forward/extract-forward.js';

/**
 * What the core's MIME parser hands to the rules. The type lives here so that `shared/` never sees mailparser
 * (CONTRIBUTING.md: parsing itself is `electron/core/parse-mime.ts`).
 */

/** One address as written in a header: `address` is as written (not yet normalised), `name` may be empty. */
export type MailAddress = { readonly name: string; readonly address: string };

/** An attachment already streamed to the content-addressed store; the rules only see its metadata. */
export type ParsedAttachment = {
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
};

/** A `Delivered-To` or `X-Original-To` field of the message's own header, in the order written (R1). */
export type DeliveryHeader = {
  readonly field: 'delivered-to' | 'x-original-to';
  /** The address as written (not yet normalised). */
  readonly address: string;
  /**
   * Whether the field stands above the first `Received` field (every field does when there is none): only those
   * were written by the account's own server at final delivery; one further down was written by someone else.
   */
  readonly aboveFirstReceived: boolean;
};

/** The headers the rules read besides the addresses (routing, automatic mail, authentication). */
export type RoutingHeaders = {
  /** Every Delivered-To and X-Original-To field, topmost first, with its position against the first Received. */
  readonly delivery: ReadonlyArray<DeliveryHeader>;
  readonly autoSubmitted: string | null;
  readonly precedence: string | null;
  readonly listId: string | null;
  readonly returnPath: string | null;
  readonly authenticationResults: ReadonlyArray<string>;
};

export type ParsedMessage = {
  readonly messageId: string | null;
  /** Every address of the From header: B1 needs exactly one. Display names and comments never count. */
  readonly from: ReadonlyArray<MailAddress>;
  /** How many From fields the header has: B1 needs exactly one (a second one, even empty, leaves no sender). */
  readonly fromFieldCount: number;
  readonly sender: MailAddress | null;
  readonly replyTo: ReadonlyArray<MailAddress>;
  readonly to: ReadonlyArray<MailAddress>;
  readonly cc: ReadonlyArray<MailAddress>;
  readonly bcc: ReadonlyArray<MailAddress>;
  readonly subject: string;
  /** The Date header as an instant (ISO-8601, UTC), or null when missing or unreadable. */
  readonly date: string | null;
  /** The zone offset written in the Date header, in minutes east of UTC (F2 reads zone-less dates in it). */
  readonly dateOffsetMinutes: number | null;
  readonly text: string | null;
  readonly html: string | null;
  readonly attachments: ReadonlyArray<ParsedAttachment>;
  /** Messages attached as `message/rfc822` (F9), parsed the same way. */
  readonly attachedMessages: ReadonlyArray<ParsedMessage>;
  readonly headers: RoutingHeaders;
  /**
   * The forward extraction of this message's body, when a parse worker computed it beside the parse (C7);
   * absent, the rules compute it themselves.
   */
  readonly forwardExtraction?: ForwardExtraction;
};

/**
 * The part of a message that routing and ownership read (R1, B1, B2): what the intake's claim step fetches before
 * claiming, so that it and `decide()` run the one implementation (`resolveRoute`, `resolveOwner`).
 */
export type RoutingFields = Pick<ParsedMessage, 'from' | 'fromFieldCount' | 'to' | 'cc'> & {
  readonly headers: Pick<RoutingHeaders, 'delivery' | 'authenticationResults'>;
};

/** Where a message came from, as the intake knows it (docs/architecture.md: "raw bytes plus where it came from"). */
export type Envelope = {
  /** The logging address the message was delivered to, when the intake knows it (LMTP recipient, folder). */
  readonly recipient?: string;
  /** Set by intakes that know the route for certain: a forward-only folder, or the add-in's log-now. */
  readonly route?: Route;
  /** Log-now: the add-in's user (A5). */
  readonly userEmail?: string;
};

export type Route = 'bcc' | 'forward' | 'log-now';
