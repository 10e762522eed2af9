/**
 * The check every incoming ballot passes before the store sees it: the schema (is it a ballot at
 * all?), then the event's rules (validateBallot). Failures are not errors of the request: each is
 * kept apart with its reason, so one bad ballot never costs its neighbours their place.
 */
import { ballotValidator } from '../core/ballot.ts';
import { problemSummary } from '../core/problem.ts';
import type { QuarantinedBallot } from '../core/protocol.ts';
import { ballotSchema, type Ballot, type EventDefinition } from '../core/schema.ts';
import { plainBallot } from '../core/tally-file/ballot-shape.ts';

export interface CheckedBallots {
  valid: Ballot[];
  rejected: QuarantinedBallot[];
}

export function checkBallots(
  event: EventDefinition,
  raw: readonly { id: string }[],
  stationId: string | null,
): CheckedBallots {
  const out: CheckedBallots = { valid: [], rejected: [] };
  // The event's bids by id, worked out once for the batch rather than once a ballot.
  const validateBallot = ballotValidator(event);
  for (const candidate of raw) {
    // The common shape checked directly (what zod would return, or null: then zod decides and
    // names the problem): zod was a tenth of the server's work on a push.
    const plain = plainBallot(candidate);
    const parsed =
      plain !== null ? { success: true as const, data: plain } : ballotSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where =
        issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
      out.rejected.push({
        id: candidate.id,
        code: 'invalid-ballot',
        message: `Ballot ${candidate.id} is not a well-formed ballot${where}: ${issue?.message ?? 'unknown problem'}.`,
        stationId,
        ballot: candidate,
      });
      continue;
    }
    const valid = validateBallot(parsed.data);
    if (valid.ok) out.valid.push(valid.value);
    else {
      out.rejected.push({
        id: candidate.id,
        code: valid.error.code,
        // The code and facts are what clients word; the message is for logs and curl.
        message: `Ballot ${candidate.id}: ${problemSummary(valid.error)}`,
        params: valid.error.params,
        stationId,
        ballot: candidate,
      });
    }
  }
  return out;
}
