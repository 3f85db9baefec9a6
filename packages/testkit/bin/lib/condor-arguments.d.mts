/** A submit description condor_submit refuses; the message is what it prints. */
export class SubmitDescriptionError extends Error {}

/** The argv condor_submit gives the executable for an `Arguments` value (macros already expanded). */
export function parseCondorArguments(value: string): string[];

/** An argv in HTCondor's V2 raw form, as the job ClassAd's `Arguments` and condor_q's CMD column show it. */
export function joinCondorArguments(words: readonly string[]): string;

/** The job ClassAd attribute condor_submit records for an `Arguments` value: `Arguments` (new syntax) or `Args` (old). */
export function argumentsAttribute(value: string): { Arguments: string } | { Args: string };
