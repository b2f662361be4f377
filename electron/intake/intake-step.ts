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
