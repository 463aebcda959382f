// "This was not me": every confirmation email carries a link whose page (a button; a GET changes nothing) stops
// all Mend mail to the address, whoever typed it. It stands until the address itself asks for mail again, which
// only the address can do: by using a link Mend sent it (confirming a plan, or signing in). Asking for a new link
// cannot lift it, since that link would be an email to the address.
import type { Deps } from './deps';

export async function declineAllMail(deps: Pick<Deps, 'store' | 'log'>, email: string, now: number): Promise<void> {
  await deps.store.mail.decline(email, now);
  deps.log('mail.declined');
}

/** Called when the address proved itself by using an emailed link. */
export async function addressAskedForMail(deps: Pick<Deps, 'store' | 'log'>, email: string): Promise<void> {
  if (await deps.store.mail.lift(email)) deps.log('mail.decline_lifted');
}
