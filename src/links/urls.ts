// Every URL Mend puts in an email. The token is the only thing in the path that identifies anyone.
import type { ProgressStatus } from '../domain/types';

export function linkUrls(appUrl: string, token: string) {
  const base = `${appUrl}/l/${token}`;
  return {
    answer: `${base}/answer`,
    snooze: `${base}/snooze`,
    preview: `${base}/preview`,
    status: (status: ProgressStatus) => `${base}/${status}`,
    fresh: `${base}/fresh`,
  };
}
