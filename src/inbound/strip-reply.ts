/**
 * Keeps only what the person wrote in a reply: quoted history, forwarded messages and signatures
 * are removed, the person's own lines, blank lines and characters are kept as they are (line ends
 * become "\n", trailing whitespace is trimmed, leading and trailing blank lines dropped).
 *
 * The reply ends at the first of these lines (checked on the line with surrounding whitespace and
 * Markdown-style "*" removed):
 * - an attribution, possibly wrapped over up to three lines: "On <date>, Mend <x> wrote:" (Gmail,
 *   Apple Mail, Yahoo, Thunderbird) and its translations ("Le … a écrit :", "Am … schrieb …:",
 *   "El … escribió:", "… 写道：", "2026年11月23日(月) 9:00 Mend <x>:" …);
 * - a header block: "From: …" followed, before the next blank line, by two of Sent/Date, To and
 *   Subject (Outlook, Samsung, forwards; also in French, German, Spanish, … );
 * - "-----Original Message-----", "---------- Forwarded message ---------" and their translations,
 *   "Begin forwarded message:", and Outlook's underscore rule (20 or more "_");
 * - the signature delimiter "-- ";
 * - a mobile signature ("Sent from my iPhone", "Get Outlook for iOS", "Sent from Yahoo Mail …",
 *   "Von meinem iPhone gesendet", …) when only blank lines, quoted lines or another of these
 *   lines follow it, so that a sentence starting "Sent from my …" in the middle of a reply stays.
 *
 * Lines starting with ">" are removed wherever they are (inline answers between quoted lines are
 * kept). When nothing was written above the first such line and it is an attribution followed by
 * ">" lines, the reply was written below the quote (bottom-posting) and what follows the quote is
 * read the same way. A reply with nothing of the person's own gives "".
 */
export function stripReply(text: string): string {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd());
  return finish(ownLines(new Reply(lines), 0));
}

type Marker = { kind: 'attribution' | 'history' | 'signature'; span: number };

/** The reply's lines, with each line's marker worked out once. */
class Reply {
  private readonly markers = new Map<number, Marker | null>();
  constructor(readonly lines: string[]) {}

  markerAt(i: number): Marker | undefined {
    let marker = this.markers.get(i);
    if (marker === undefined) {
      marker = findMarker(this, i) ?? null;
      this.markers.set(i, marker);
    }
    return marker ?? undefined;
  }
}

function ownLines(reply: Reply, from: number): string[] {
  const { lines } = reply;
  let start = from;
  scan: for (;;) {
    for (let i = start; i < lines.length; i++) {
      const marker = reply.markerAt(i);
      if (!marker) continue;
      const head = lines.slice(start, i);
      if (head.some(isOwnLine)) return dropQuoted(head);
      if (marker.kind !== 'attribution') return [];
      // Nothing above the attribution: bottom-posting, when a ">" quote follows it.
      let j = i + marker.span;
      while (j < lines.length && isBlank(lines[j])) j++;
      if (j >= lines.length || !isQuoted(lines[j])) return [];
      while (j < lines.length && (isQuoted(lines[j]) || isBlank(lines[j]))) j++;
      start = j;
      continue scan;
    }
    return dropQuoted(lines.slice(start));
  }
}

function findMarker(reply: Reply, i: number, mobile = true): Marker | undefined {
  const { lines } = reply;
  const line = clean(lines[i]);
  if (line === '' || isQuoted(lines[i])) return undefined;
  const span = attributionSpan(lines, i);
  if (span) return { kind: 'attribution', span };
  if (SEPARATOR.test(line) || BEGIN_FORWARD.test(line) || UNDERSCORE_RULE.test(line) || isHeaderBlock(lines, i)) {
    return { kind: 'history', span: 1 };
  }
  if (lines[i] === '--') return { kind: 'signature', span: 1 };
  if (mobile && MOBILE_SIGNATURE.test(line) && endsHere(reply, i + 1)) return { kind: 'signature', span: 1 };
  return undefined;
}

/** Only blank lines, quoted lines, another marker or another mobile signature follow. */
function endsHere(reply: Reply, from: number): boolean {
  const { lines } = reply;
  let j = from;
  while (j < lines.length && isBlank(lines[j])) j++;
  if (j >= lines.length || isQuoted(lines[j])) return true;
  return MOBILE_SIGNATURE.test(clean(lines[j])) || findMarker(reply, j, false) !== undefined;
}

function attributionSpan(lines: string[], i: number): number {
  const first = clean(lines[i]);
  let joined = '';
  for (let span = 1; span <= 3 && i + span <= lines.length; span++) {
    const next = clean(lines[i + span - 1]);
    if (next === '' || (span > 1 && isQuoted(lines[i + span - 1]))) return 0;
    joined = span === 1 ? next : `${joined} ${next}`;
    if (joined.length > 400) return 0;
    if (span > 1 && !(ATTRIBUTION_LEAD.test(first) || /[<@]|\d/.test(first))) return 0;
    if (isAttribution(joined)) return span;
    if (/[:：]$/.test(next)) return 0;
  }
  return 0;
}

function isAttribution(s: string): boolean {
  if (!/[:：]$/.test(s)) return false;
  const wrote = WROTE.test(s) || WROTE_CJK.test(s);
  if (ATTRIBUTION_LEAD.test(s) && wrote && /\d|@/.test(s)) return true;
  if (wrote && EMAIL.test(s)) return true;
  // No "wrote" word (Japanese Gmail, some others): an address in brackets right before the colon,
  // and a time or a year.
  return /<[^<>\s@]+@[^<>\s]+>\s*[:：]$/.test(s) && /\d{1,2}:\d{2}|\d{4}/.test(s);
}

function isHeaderBlock(lines: string[], i: number): boolean {
  if (!FROM.test(clean(lines[i]))) return false;
  const kinds = new Set<string>();
  for (let j = i + 1; j < lines.length && j <= i + 8; j++) {
    const l = clean(lines[j]);
    if (l === '') break;
    if (SENT.test(l)) kinds.add('sent');
    else if (TO.test(l)) kinds.add('to');
    else if (SUBJECT.test(l)) kinds.add('subject');
  }
  return kinds.size >= 2;
}

function dropQuoted(lines: string[]): string[] {
  const out: string[] = [];
  let dropped = false;
  for (const line of lines) {
    if (isQuoted(line)) {
      dropped = true;
      continue;
    }
    // Where quoted lines were cut out, do not leave two blank lines behind.
    if (dropped && isBlank(line) && (out.length === 0 || isBlank(out[out.length - 1]))) continue;
    if (!isBlank(line)) dropped = false;
    out.push(line);
  }
  return out;
}

function finish(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start])) start++;
  while (end > start && isBlank(lines[end - 1])) end--;
  return lines.slice(start, end).join('\n');
}

const isBlank = (l: string | undefined) => l === undefined || l.trim() === '';
const isQuoted = (l: string | undefined) => l !== undefined && /^\s*>/.test(l);
const isOwnLine = (l: string) => !isBlank(l) && !isQuoted(l);
const clean = (l: string | undefined) => (l ?? '').replace(/\*/g, '').trim();

const EMAIL = /[^\s<>()@]+@[^\s<>()@]+\.[^\s<>()@]+/;

const ATTRIBUTION_LEAD =
  /^(?:On|Le|Am|El|Il|Op|Em|Den|Dne|W dniu|Pada|Vào|Στις|В|Во|Dana|Dňa|Päivänä|Tanggal)[\s,]/i;

const WROTE =
  /(?:^|[\s,)>])(?:wrote|a écrit|schrieb|escribió|escribio|ha scritto|scrisse|schreef|escreveu|skrev|kirjoitti|napisał|napisala|napisał\(a\)|napsal|написал\(а\)|написала|написал|yazdı|έγραψε|írta)(?=[\s:：])/i;
const WROTE_CJK = /写道|寫道|작성|のメッセージ/;

const SEPARATOR = new RegExp(
  '^-{2,}\\s*(?:' +
    [
      'Original Message',
      'Forwarded message',
      'Ursprüngliche Nachricht',
      'Originalnachricht',
      'Weitergeleitete Nachricht',
      "Message d['’]origine",
      'Message original',
      'Message transféré',
      'Mensaje original',
      'Mensaje reenviado',
      'Messaggio originale',
      'Messaggio inoltrato',
      'Oorspronkelijk bericht',
      'Origineel bericht',
      'Doorgestuurd bericht',
      'Mensagem original',
      'Mensagem encaminhada',
      'Originalmeddelande',
      'Vidarebefordrat meddelande',
      'Oprindelig meddelelse',
      'Videresendt meddelelse',
      'Opprinnelig melding',
      'Oryginalna wiadomość',
      'Wiadomość przekazana dalej',
      'Исходное сообщение',
      'Пересылаемое сообщение',
      'Αρχικό μήνυμα',
      '原始邮件',
      '転送されたメッセージ',
      '元のメッセージ',
    ].join('|') +
    ')\\s*-{2,}$',
  'i',
);

const BEGIN_FORWARD =
  /^(?:Begin forwarded message|Anfang der weitergeleiteten Nachricht|Début du message réexpédié|Début du message transféré|Inicio del mensaje reenviado|Inizio messaggio inoltrato|Begin doorgestuurd bericht|Início da mensagem reencaminhada)\s*[:：]$/i;

const UNDERSCORE_RULE = /^_{20,}$/;

const FROM =
  /^(?:From|De|Von|Da|Van|Från|Fra|Od|Від|От|Kimden|Lähettäjä|Feladó|差出人|发件人|寄件者|보낸 사람)\s*[:：]\s*\S/i;
const SENT =
  /^(?:Sent|Date|Envoyé|Gesendet|Datum|Enviado|Fecha|Data|Inviato|Verzonden|Skickat|Sendt|Lähetetty|Wysłano|Odesláno|Отправлено|Дата|Tarih|Elküldve|送信日時|日付|发送时间|时间|寄件日期|날짜|보낸 날짜)\s*[:：]/i;
const TO =
  /^(?:To|À|A|An|Para|Aan|Till|Til|Do|Komu|Кому|Kime|Vastaanottaja|Címzett|宛先|收件人|받는 사람)\s*[:：]/i;
const SUBJECT =
  /^(?:Subject|Objet|Betreff|Asunto|Assunto|Oggetto|Onderwerp|Ämne|Emne|Temat|Předmět|Тема|Konu|Aihe|Tárgy|件名|主题|主旨|제목)\s*[:：]/i;

const MOBILE_SIGNATURE = new RegExp(
  '^(?:' +
    [
      'Sent from my \\S.{0,80}',
      'Sent from (?:Yahoo Mail|Mail for Windows|Outlook|Proton Mail|ProtonMail|Samsung)\\b.{0,60}',
      'Sent with (?:Proton Mail|ProtonMail)\\b.{0,60}',
      'Get Outlook for (?:iOS|Android)\\b.{0,80}',
      'Envoyé de mon \\S.{0,40}',
      'Envoyé depuis \\S.{0,60}',
      'Von meinem \\S.{0,40} gesendet\\.?',
      'Gesendet von (?:meinem )?\\S.{0,60}',
      'Enviado desde mi \\S.{0,40}',
      'Enviado do meu \\S.{0,40}',
      'Inviato da(?:l mio)? \\S.{0,40}',
      'Verzonden (?:vanaf|met) (?:mijn )?\\S.{0,40}',
      'Verstuurd vanaf mijn \\S.{0,40}',
      'Skickat från min \\S.{0,40}',
      'iPhoneから送信',
      'Android端末から送信',
    ].join('|') +
    ')$',
  'i',
);
