import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../src/mail/plain-text';

describe('htmlToText', () => {
  it('keeps every word and link, one block per line', () => {
    const html =
      '<!DOCTYPE html><html><head><title>t</title><style>p{}</style></head><body>' +
      '<div data-skip-in-text="true">preview text</div>' +
      '<h1>Title</h1><p>Hello <strong>there</strong>, <a href="https://x.test/a?b=1&amp;c=2">open it</a>.</p>' +
      '<p><a href="https://x.test/same">https://x.test/same</a></p>' +
      '<ol><li>one</li><li>two</li></ol><ul><li>dash</li></ul>' +
      '<blockquote><p>quoted<br/>second line</p></blockquote>' +
      '<!--[if mso]><i>hidden</i><![endif]--><hr/><p>after</p></body></html>';
    expect(htmlToText(html)).toBe(
      [
        'Title',
        '',
        'Hello there, open it: https://x.test/a?b=1&c=2.',
        '',
        'https://x.test/same',
        '',
        '1. one',
        '2. two',
        '',
        '- dash',
        '',
        '> quoted',
        '> second line',
        '',
        '----------------------------------------',
        '',
        'after',
        '',
      ].join('\n'),
    );
  });

  it('decodes the entities React writes, and numeric ones', () => {
    expect(decodeEntities('&lt;script&gt; &amp; &quot;q&quot; &#x27;s&#x27; &#8202;&nbsp;&bogus;')).toBe(
      '<script> & "q" \'s\' \u200a\u00a0&bogus;',
    );
  });
});
