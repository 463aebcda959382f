// The check-in email: one kind, one schema, a template for each step of the plan (emails/checkin-<step>.tsx).
import type { ReactElement } from 'react';
import type { Step } from '../src/domain/types';
import CheckinLearn, { subject as learnSubject } from './checkin-learn';
import CheckinOwn, { PreviewProps as ownPreview, subject as ownSubject } from './checkin-own';
import CheckinPlan, { subject as planSubject } from './checkin-plan';
import CheckinProgress, { subject as progressSubject } from './checkin-progress';
import { checkinSchema, type CheckinEmail } from './components/checkin';

export { checkinSchema as schema, type CheckinEmail };

const steps: Record<Step, { subject: (email: CheckinEmail) => string; component: (email: CheckinEmail) => ReactElement }> = {
  own: { subject: ownSubject, component: CheckinOwn },
  learn: { subject: learnSubject, component: CheckinLearn },
  plan: { subject: planSubject, component: CheckinPlan },
  progress: { subject: progressSubject, component: CheckinProgress },
};

export const subject = (email: CheckinEmail): string => steps[email.step].subject(email);

export default function Checkin(email: CheckinEmail) {
  const Template = steps[email.step].component;
  return <Template {...email} />;
}

export const PreviewProps: CheckinEmail = ownPreview;
Checkin.PreviewProps = PreviewProps;
