// What every page of the signed-in owner takes, and which plan states are still open.
import type { MistakeRow } from '../../../store';
import type { NavInfo } from '../../layout';

export interface OwnerPageBase {
  nonce: string;
  csrf: string;
  nav: NavInfo;
}

export const OPEN_PLAN: ReadonlySet<MistakeRow['status']> = new Set(['active', 'paused']);
