// The choices of cadence the log-a-mistake form offers, and reading a custom one from the form.
import { DEFAULT_CADENCE, type CadenceEntry } from '../domain/cadence';

export type PresetName = 'default' | 'short' | 'long';

export const PRESETS: Record<PresetName, { label: string; cadence: readonly CadenceEntry[] }> = {
  default: { label: 'Standard, about three months', cadence: DEFAULT_CADENCE },
  short: {
    label: 'Shorter, one month',
    cadence: [
      { step: 'own', day: 0 },
      { step: 'learn', day: 1 },
      { step: 'plan', day: 2 },
      { step: 'progress', day: 7 },
      { step: 'progress', day: 14 },
      { step: 'progress', day: 30 },
    ],
  },
  long: {
    label: 'Longer, six months',
    cadence: [
      { step: 'own', day: 0 },
      { step: 'learn', day: 3 },
      { step: 'plan', day: 7 },
      { step: 'progress', day: 14 },
      { step: 'progress', day: 30 },
      { step: 'progress', day: 60 },
      { step: 'progress', day: 90 },
      { step: 'progress', day: 120 },
      { step: 'progress', day: 180 },
    ],
  },
};

/** "7, 14 and 30" */
export function listDays(days: number[]): string {
  if (days.length <= 1) return days.join('');
  return `${days.slice(0, -1).join(', ')} and ${days[days.length - 1]}`;
}

/** "Owning it on day 0; learning on day 2; the path forward on day 4; progress on days 7, 14, 30, 60 and 90" */
export function describeCadence(cadence: readonly CadenceEntry[]): string {
  const days = (step: CadenceEntry['step']) => cadence.filter((c) => c.step === step).map((c) => c.day);
  const part = (step: CadenceEntry['step'], words: string) => {
    const d = days(step);
    return d.length ? `${words} on ${d.length === 1 ? 'day' : 'days'} ${listDays(d)}` : null;
  };
  const text = [part('own', 'owning it'), part('learn', 'learning'), part('plan', 'the path forward'), part('progress', 'progress')]
    .filter(Boolean)
    .join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface CustomCadenceFields {
  own_day?: string;
  learn_day?: string;
  plan_day?: string;
  progress_days?: string;
}

export type CustomCadence = { ok: true; cadence: CadenceEntry[] } | { ok: false; errors: Record<string, string> };

const WHOLE = /^\d{1,3}$/;

/** A custom cadence as the form gives it: one day for each of own, learn and plan, a list for progress. */
export function readCustomCadence(fields: CustomCadenceFields): CustomCadence {
  const errors: Record<string, string> = {};
  const cadence: CadenceEntry[] = [];
  for (const step of ['own', 'learn', 'plan'] as const) {
    const raw = (fields[`${step}_day`] ?? '').trim();
    if (raw === '') continue;
    if (!WHOLE.test(raw)) errors[`${step}_day`] = 'A whole number of days, such as 2.';
    else cadence.push({ step, day: Number(raw) });
  }
  const progress = (fields.progress_days ?? '').split(/[\s,;]+/).filter(Boolean);
  if (progress.some((d) => !WHOLE.test(d))) errors.progress_days = 'Whole numbers of days separated by commas, such as 7, 14, 30.';
  else cadence.push(...progress.map((d) => ({ step: 'progress' as const, day: Number(d) })));
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, cadence };
}
