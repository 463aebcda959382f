// Mail that no person wrote: out-of-office notices, bounces, list traffic. None of it is anybody's answer,
// and answering it (a receipt, a rejection) would only make more automatic mail, so it is dropped quietly.

/** What marks a message as automatic, or null for one a person sent. */
export type AutomaticMarker =
  | 'auto_submitted'
  | 'x_autoreply'
  | 'x_autorespond'
  | 'precedence'
  | 'list_id'
  | 'delivery_report'
  | 'bounce_sender'
  | 'out_of_office_subject';

/** RFC 3834 Auto-Submitted (anything but "no"), the headers older responders use instead, lists and reports. */
export function automaticByHeaders(headers: Pick<Headers, 'get' | 'has'>, envelopeFrom: string): AutomaticMarker | null {
  const header = (name: string) => (headers.get(name) ?? '').trim().toLowerCase();
  const autoSubmitted = header('auto-submitted').split(';')[0]!.trim();
  if (autoSubmitted !== '' && autoSubmitted !== 'no') return 'auto_submitted';
  if (headers.has('x-autoreply')) return 'x_autoreply';
  if (headers.has('x-autorespond')) return 'x_autorespond';
  if (['auto_reply', 'bulk', 'junk', 'list'].includes(header('precedence'))) return 'precedence';
  if (headers.has('list-id')) return 'list_id';
  // RFC 6522: delivery status notifications and other reports are multipart/report.
  if (/^multipart\/report\b/.test(header('content-type'))) return 'delivery_report';
  const sender = envelopeFrom.trim().toLowerCase();
  if (sender === '' || sender === '<>' || /^mailer-daemon@/.test(sender)) return 'bounce_sender';
  return null;
}

/**
 * Responders that set none of the headers above still name themselves in the subject (Outlook's "Automatic
 * reply:", "Out of office", "Autoreply:"). The subject is read decoded, after parsing.
 */
const OUT_OF_OFFICE = /^(?:auto(?:matic)?[- ]?reply|out of (?:the )?office|auto[- ]?response)\b/i;

export function automaticBySubject(subject: string): AutomaticMarker | null {
  return OUT_OF_OFFICE.test(subject.trim()) ? 'out_of_office_subject' : null;
}
