import type { Command, JobId } from '@jq/core';
import { htcondorAttributes } from './htcondor-status.js';

/**
 * ONE `condor_history` for the ids condor_q no longer shows: a finished job leaves the
 * queue. condor_history takes at most one id on its command line, so the ids are
 * selected with a `stringListMember` constraint; only `<cluster>.<proc>` ids from
 * condor_submit can be in the history.
 */
export function htcondorAccountingCommand(ids: JobId[]): Command {
  const listed = ids.filter((id) => /^\d+\.\d+$/.test(id));
  return {
    argv: ['condor_history', '-constraint', `stringListMember(strcat(ClusterId, ".", ProcId), "${listed.join(',')}")`, '-limit', String(listed.length), '-af:j', ...htcondorAttributes],
  };
}
