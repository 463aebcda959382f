/** @jsxImportSource hono/jsx */
// The owner's reflection notes, shown to the owner only, beside what they just saved. Each says which words
// raised it and why it matters, in the seeds' terms, and never how anyone should feel about it.
import type { ReflectionKind, ReflectionNote } from '../domain/reflection';

const LABEL: Record<ReflectionKind, string> = {
  blame: 'Whose responsibility',
  feelings: 'How others feel',
  minimising: 'How big it was',
  unowned: 'Your part',
};

// Seed 003: "Shifting responsibility and blaming others ... will only erode trust more." Seed 000: "under no
// circumstances do you get to tell someone how to feel".
export const REFLECTION_WHY: Record<ReflectionKind, string> = {
  blame: 'Words that place the responsibility with others tend to erode trust further, even where others played a part.',
  feelings: 'How it felt is for the people affected to say, and an apology that depends on whether they were hurt can read as no apology.',
  minimising: 'How much it cost is for the people it affected to judge, and calling it small can read as if it did not matter to you.',
  unowned: 'These words do not yet say what part was yours, and naming it plainly is the first step in rebuilding trust.',
};

export function ReflectionNotes(props: { notes: readonly ReflectionNote[]; editUrl: string; introWaits?: boolean }) {
  if (props.notes.length === 0) return null;
  return (
    <section class="card reflection">
      <h2>Notes on your words</h2>
      <p class="muted">Mend read what you wrote, for you alone: nobody else sees these notes, your leader included. Your words are saved as they are.</p>
      {props.notes.map((note) => (
        <div class="reflection-note" data-reflection={note.kind}>
          <p>
            <strong>{LABEL[note.kind]}</strong>
            {': '}
            <q>{note.quote}</q>
          </p>
          <p>{REFLECTION_WHY[note.kind]}</p>
          <p>
            <a href={props.editUrl}>Change these words</a>
          </p>
        </div>
      ))}
      {props.introWaits ? <p class="muted">Your leader’s introduction goes out once your statement has stood unchanged for 10 minutes.</p> : null}
    </section>
  );
}
