import { Parser } from './html-parser';

/**
 * Turns the HTML body of a reply into plain text for `stripReply`.
 *
 * - Block elements end the current line; `<p>` (except Outlook's margin-less `MsoNormal` lines)
 *   leaves a blank line; `<br>` always breaks.
 * - Entities are decoded (htmlparser2), runs of HTML whitespace collapse, `&nbsp;` becomes a space.
 * - Text inside `<blockquote>` is prefixed with "> " per level, so that quoted history reads as it
 *   does in a plain-text reply and `stripReply` can remove it.
 * - `<hr>` becomes Outlook's underscore rule, which is what Outlook puts before its quoted header.
 * - A link keeps its text; its URL is added in parentheses only when it is a web link that the text
 *   does not already show.
 * - `<head>`, `<style>`, `<script>`, `<title>` and `<template>` are dropped.
 */
export function htmlToText(html: string): string {
  const lines: { text: string; depth: number }[] = [];
  let line = '';
  let lineDepth = 0;
  let depth = 0;
  let skip = 0;
  let pre = 0;
  const lists: { ordered: boolean; n: number }[] = [];
  const links: { href: string; start: number }[] = [];
  const paragraphs: boolean[] = [];
  let pendingSpace = false;

  const breakLine = () => {
    lines.push({ text: line, depth: lineDepth });
    line = '';
    lineDepth = depth;
    pendingSpace = false;
  };
  const endLine = () => {
    if (line.trim() !== '') breakLine();
    else {
      line = '';
      lineDepth = depth;
      pendingSpace = false;
    }
  };
  const blankLine = () => {
    endLine();
    const last = lines[lines.length - 1];
    if (last && last.text.trim() !== '') lines.push({ text: '', depth: Math.min(last.depth, depth) });
  };
  const write = (s: string) => {
    if (line === '') lineDepth = depth;
    line += s;
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (SKIP.has(name)) {
          skip++;
          return;
        }
        if (name === 'br') {
          breakLine();
        } else if (name === 'hr') {
          endLine();
          write('_'.repeat(32));
          breakLine();
        } else if (name === 'blockquote') {
          endLine();
          depth++;
          lineDepth = depth;
        } else if (name === 'p') {
          // Outlook writes every line as a margin-less <p class=MsoNormal>, and a blank line as one
          // holding only &nbsp;: those are lines, other paragraphs are separated by a blank line.
          const paragraph = !/\bMsoNormal\b/i.test(attrs.class ?? '');
          paragraphs.push(paragraph);
          if (paragraph) blankLine();
          else endLine();
        } else if (name === 'ul' || name === 'ol') {
          endLine();
          lists.push({ ordered: name === 'ol', n: 0 });
        } else if (name === 'li') {
          endLine();
          const list = lists[lists.length - 1];
          const indent = '  '.repeat(Math.max(0, lists.length - 1));
          if (list?.ordered) write(`${indent}${++list.n}. `);
          else write(`${indent}- `);
        } else if (name === 'td' || name === 'th') {
          if (line.trim() !== '') pendingSpace = true;
        } else if (name === 'pre') {
          endLine();
          pre++;
        } else if (name === 'a') {
          links.push({ href: attrs.href ?? '', start: line.length });
        } else if (BLOCK.has(name)) {
          endLine();
        }
      },
      ontext(data) {
        if (skip) return;
        if (pre) {
          const parts = data.replace(/\r\n?/g, '\n').split('\n');
          parts.forEach((part, i) => {
            if (i > 0) breakLine();
            write(part.replace(/\u00a0/g, ' '));
          });
          return;
        }
        let text = data.replace(/[ \t\n\r\f\u00a0]+/g, ' ');
        if (text === '') return;
        if (line === '' || line.endsWith(' ')) text = text.replace(/^ /, '');
        else if (pendingSpace && !text.startsWith(' ')) text = ' ' + text;
        pendingSpace = false;
        if (text !== '') write(text);
      },
      onclosetag(name) {
        if (SKIP.has(name)) {
          skip = Math.max(0, skip - 1);
          return;
        }
        if (name === 'blockquote') {
          endLine();
          depth = Math.max(0, depth - 1);
          lineDepth = depth;
        } else if (name === 'p') {
          if (paragraphs.pop() ?? true) blankLine();
          else if (line.trim() !== '') breakLine();
          else lines.push({ text: '', depth });
        } else if (name === 'ul' || name === 'ol') {
          endLine();
          lists.pop();
        } else if (name === 'pre') {
          endLine();
          pre = Math.max(0, pre - 1);
        } else if (name === 'a') {
          const link = links.pop();
          if (link && /^https?:\/\//i.test(link.href)) {
            const label = line.slice(link.start).trim();
            const bare = (u: string) => u.replace(/^https?:\/\//i, '').replace(/\/$/, '');
            if (label !== '' && bare(label) !== bare(link.href)) write(` (${link.href})`);
          }
        } else if (BLOCK.has(name) || name === 'li') {
          endLine();
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  endLine();

  const out = lines.map(({ text, depth: d }) => {
    const trimmed = text.trimEnd();
    if (d === 0) return trimmed;
    return '>'.repeat(d) + (trimmed === '' ? '' : ' ' + trimmed);
  });
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

const SKIP = new Set(['head', 'style', 'script', 'title', 'template', 'noscript']);

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'section',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'caption',
]);
