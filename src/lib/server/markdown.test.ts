import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderMarkdownCached } from './markdown';

describe('renderMarkdown', () => {
	it('renders Markdown and strips anything executable', () => {
		const html = renderMarkdown('**fett** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>\n- eins');
		expect(html).toContain('<strong>fett</strong>');
		expect(html).toContain('<li>eins</li>');
		expect(html).not.toMatch(/script|onerror|javascript:|<img/i);
	});
});

// A corpus of the usual XSS vectors (after the OWASP filter evasion cheat sheet): none may survive
// as markup that runs, loads or styles anything.
const XSS = [
	'<script>alert(1)</script>',
	'<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
	'<img src=x onerror=alert(1)>',
	'<svg onload=alert(1)><circle r=1 /></svg>',
	'<svg><script>alert(1)</script></svg>',
	'<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
	'<a href="javascript:alert(1)">x</a>',
	'<a href="JaVaScRiPt:alert(1)">x</a>',
	'<a href="&#106;avascript:alert(1)">x</a>',
	'<a href=" javascript:alert(1)">x</a>',
	'[x](javascript:alert(1))',
	'[x](JAVASCRIPT:alert(1))',
	'[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
	'[x](vbscript:msgbox(1))',
	'![x](https://evil.example/track.png)',
	'<iframe src="https://evil.example"></iframe>',
	'<object data="x.swf"></object><embed src="x.swf">',
	'<div style="background:url(javascript:alert(1))">x</div>',
	'<p style="position:fixed;top:0">overlay</p>',
	'<style>body{display:none}</style>',
	'<link rel=stylesheet href=//evil.example/x.css>',
	'<meta http-equiv="refresh" content="0;url=https://evil.example">',
	'<form action=https://evil.example><input name=p></form>',
	'<details open ontoggle=alert(1)>',
	'<body onload=alert(1)>',
	'<a href="https://ok.example" onclick="alert(1)">ok</a>',
	'<base href="https://evil.example/">',
	'<img """><script>alert(1)</script>">',
	'<<script>script>alert(1)<</script>/script>',
	'`<script>alert(1)</script>`'
];

describe('sanitising against an XSS corpus', () => {
	it.each(XSS)('neutralises %s', (input) => {
		const html = renderMarkdown(input);
		expect(html).not.toMatch(/<(script|iframe|object|embed|svg|math|style|link|meta|form|input|img|base|body|details)\b/i);
		expect(html).not.toMatch(/\son\w+\s*=/i);
		expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
		expect(html).not.toMatch(/style=/i);
	});

	it('keeps ordinary formatting and https links', () => {
		expect(renderMarkdown('[Leitfaden](https://kreis.example/leitfaden)')).toBe('<p><a href="https://kreis.example/leitfaden" rel="noopener noreferrer">Leitfaden</a></p>\n');
	});
});

describe('renderMarkdownCached', () => {
	it('gives what renderMarkdown gives, per language, and a changed text its own rendering', () => {
		const text = 'Termin mit **[Telefon]** klären';
		expect(renderMarkdownCached(text, 'de')).toBe(renderMarkdown(text, 'de'));
		expect(renderMarkdownCached(text, 'de')).toBe(renderMarkdown(text, 'de'));
		expect(renderMarkdownCached(text, 'en')).toBe(renderMarkdown(text, 'en'));
		expect(renderMarkdownCached(`${text}!`, 'de')).toBe(renderMarkdown(`${text}!`, 'de'));
		for (const vector of XSS) expect(renderMarkdownCached(vector, 'de')).toBe(renderMarkdown(vector, 'de'));
	});
});
