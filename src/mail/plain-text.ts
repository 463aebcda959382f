// The plain-text part of an email, derived from its rendered HTML so that it says exactly what the HTML says.
//
// Why not react-email's `render(..., { plainText: true })`: that path uses html-to-text (htmlparser2, entities,
// selector engines) and sits in the same module as prettier, which together add ~190 KiB gzip to the Worker. The
// HTML we convert is React's own output from our templates: well-formed, attributes double-quoted, text escaped
// with a handful of entities. A small tokenizer is enough and honest: every text node and every link is kept.
//
// Rules: block elements break lines (paragraph-like ones leave a blank line); links become "text: URL" (just the
// URL when the text is the URL); <ul>/<ol> items get "- " / "1. "; <blockquote> lines get "> "; <hr> is a line of
// dashes; <head>, <style>, <script>, comments (Outlook conditionals) and anything marked data-skip-in-text="true"
// (react-email's <Preview>) are left out.

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const SKIP = new Set(['head', 'title', 'style', 'script', 'template', 'noscript']);
/** Elements that leave a blank line around them. */
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'table', 'pre', 'hr']);
/** Elements that start on a new line. */
const LINE = new Set(['div', 'li', 'tr', 'td', 'th', 'section', 'header', 'footer', 'article', 'main', 'nav', 'body']);

const TOKEN = /<!--[\s\S]*?-->|<![^>]*>|<\/([a-zA-Z][\w:-]*)\s*>|<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>|[^<]+|</g;
const ATTRIBUTE = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

function attributesOf(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(ATTRIBUTE)) {
    out[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

interface Open {
  tag: string;
  /** Where an <a>'s text starts in the output (a chunk index), and its href. */
  linkStart?: number;
  href?: string;
  /** <ol>/<ul> counters. */
  ordered?: boolean;
  counter?: number;
}

export function htmlToText(html: string): string {
  // The output as chunks: appending to one string and reading its last character back would flatten V8's
  // rope on every word, which turns a long email (a 500-plan digest) quadratic.
  const out: string[] = [];
  let written = 0;
  let last = '';
  const append = (s: string) => {
    if (!s) return;
    out.push(s);
    written += s.length;
    last = s[s.length - 1]!;
  };
  /** 0: none, 1: new line, 2: blank line, before the next word. */
  let pendingBreak = 0;
  let pendingSpace = false;
  /** A list marker waiting for the item's first word. */
  let pendingMarker = '';
  let quoteDepth = 0;
  let skipUntil = -1; // depth of the skipped element, or -1
  let pre = 0;
  const stack: Open[] = [];

  const breakTo = (n: number) => {
    pendingBreak = Math.max(pendingBreak, n);
  };
  const write = (word: string) => {
    if (written > 0 && pendingBreak > 0) {
      // Blank separator lines stay empty; the line that holds the word carries the quote prefix.
      append('\n'.repeat(pendingBreak) + '> '.repeat(quoteDepth));
    } else if (written === 0) {
      append('> '.repeat(quoteDepth));
    } else if (pendingSpace) {
      if (last !== ' ' && last !== '\n') append(' ');
    }
    pendingBreak = 0;
    pendingSpace = false;
    if (pendingMarker) {
      append(pendingMarker);
      pendingMarker = '';
    }
    append(word);
  };

  for (const m of html.matchAll(TOKEN)) {
    const token = m[0];
    const closing = m[1]?.toLowerCase();
    const opening = m[2]?.toLowerCase();

    if (opening) {
      const selfClosing = m[4] === '/' || VOID.has(opening);
      if (skipUntil >= 0) {
        if (!selfClosing) stack.push({ tag: opening });
        continue;
      }
      const attrs = attributesOf(m[3] ?? '');
      if (SKIP.has(opening) || attrs['data-skip-in-text'] === 'true') {
        if (!selfClosing) {
          skipUntil = stack.length;
          stack.push({ tag: opening });
        }
        continue;
      }
      if (opening === 'br') {
        breakTo(1);
        continue;
      }
      if (opening === 'hr') {
        breakTo(2);
        write('-'.repeat(40));
        breakTo(2);
        continue;
      }
      if (selfClosing) continue;
      const frame: Open = { tag: opening };
      if (PARAGRAPH.has(opening)) breakTo(2);
      else if (LINE.has(opening)) breakTo(1);
      if (opening === 'blockquote') quoteDepth++;
      if (opening === 'pre') pre++;
      if (opening === 'ol' || opening === 'ul') {
        frame.ordered = opening === 'ol';
        frame.counter = Number.parseInt(attrs.start ?? '1', 10) || 1;
      }
      if (opening === 'li') {
        const list = [...stack].reverse().find((f) => f.tag === 'ol' || f.tag === 'ul');
        const nested = stack.filter((f) => f.tag === 'ol' || f.tag === 'ul').length - 1;
        const indent = '  '.repeat(Math.max(0, nested));
        pendingMarker = list?.ordered ? `${indent}${list.counter!++}. ` : `${indent}- `;
      }
      if (opening === 'a' && attrs.href) {
        frame.href = attrs.href;
        frame.linkStart = out.length; // the index of the link text's first chunk
      }
      stack.push(frame);
      continue;
    }

    if (closing) {
      // Pop to the matching element (React's output is well-formed; this also survives stray closers).
      let index = stack.length - 1;
      while (index >= 0 && stack[index]!.tag !== closing) index--;
      if (index < 0) continue;
      while (stack.length > index) {
        const frame = stack.pop()!;
        if (skipUntil >= 0) {
          if (stack.length === skipUntil) skipUntil = -1;
          continue;
        }
        if (frame.tag === 'a' && frame.href !== undefined) {
          const href = frame.href.replace(/^mailto:/i, '');
          const label = out.slice(frame.linkStart).join('').trim();
          if (href && !href.startsWith('#') && label !== href) {
            if (label) {
              append(': ' + href);
              pendingSpace = false;
            } else {
              write(href);
            }
          }
        }
        if (frame.tag === 'blockquote') quoteDepth--;
        if (frame.tag === 'pre') pre--;
        if (frame.tag === 'li') pendingMarker = '';
        if (PARAGRAPH.has(frame.tag)) breakTo(2);
        else if (LINE.has(frame.tag)) breakTo(1);
      }
      continue;
    }

    if (skipUntil >= 0 || token[0] === '<') continue; // comments, doctype, stray '<'

    const value = decodeEntities(token);
    if (pre > 0) {
      const lines = value.split('\n');
      lines.forEach((line, i) => {
        if (i > 0) breakTo(1);
        if (line) write(line);
      });
      continue;
    }
    const parts = value.split(/[ \t\n\r\f]+/);
    parts.forEach((part, i) => {
      if (i > 0) pendingSpace = true;
      if (part) write(part);
    });
  }

  return (
    out
      .join('')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}
