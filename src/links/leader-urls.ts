// Every URL a leader's email carries. The token (bound to the leader and one plan) is the only thing in the path
// that identifies anyone. Leader links live under /lead/, apart from the owner's /l/ links.
import type { AckChoice } from '../domain/leaders/acks';

export const LEADER_PREFIX = '/lead';

export function leaderUrls(appUrl: string, token: string) {
  const base = `${appUrl}${LEADER_PREFIX}/${token}`;
  return {
    ack: (choice: AckChoice) => `${base}/${choice}`,
    thanks: `${base}/thanks`,
    talk: `${base}/talk`,
    weekly: `${base}/digest/weekly`,
    daily: `${base}/digest/daily`,
    /** The RFC 8058 one-click endpoint: a POST stops leader mail; a GET shows a page with a button. */
    unsubscribe: `${base}/unsubscribe`,
  };
}
