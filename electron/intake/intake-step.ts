/**
 * The points of the claim-then-process cycle (C1), reported to an optional `onStep` callback as they are passed:
 * - `claimed`: the message was MOVEd from the watched folder into Processing;
 * - `processing`: its try was counted and its bytes are about to be handed to the pipeline;
 * - `committed`: the pipeline's result is committed (durably), the message is still in Processing;
 * - `filed`: the message was MOVEd out of Processing to the folder of its result.
 * Crash tests kill the process at each point and check that nothing is lost or logged twice.
 */
export type IntakeStep = 'claimed' | 'processing' | 'committed' | 'filed';

export type IntakeStepDetail = {
  /** The message's UID in the folder it is in when the step is reported. */
  readonly uid: number;
  readonly folder: string;
};

export type OnIntakeStep = (step: IntakeStep, detail: IntakeStepDetail) => void;

/**
 * How the intake learned that the watched folder holds more messages: `idle` for the server's own news (an
 * `EXISTS` during IDLE or in a command's answer), `resync` for the low-latency mode's re-check that found them.
 * `added` is how many more the folder holds. The bench times the companion's own share from here to `filed`.
 */
export type IntakeNotice = { readonly via: 'idle' | 'resync'; readonly added: number };

export type OnIntakeNotice = (notice: IntakeNotice) => void;
