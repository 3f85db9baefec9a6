/** A submit description condor_submit refuses; the message is what it prints. */
export class SubmitDescriptionError extends Error {}

/** The argv condor_submit gives the executable for an `Arguments` value (macros already expanded). */
export function parseCondorArguments(value: string): string[];
