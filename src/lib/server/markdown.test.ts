import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
	it('renders Markdown and strips anything executable', () => {
		const html = renderMarkdown('**fett** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>\n- eins');
		expect(html).toContain('<strong>fett</strong>');
		expect(html).toContain('<li>eins</li>');
		expect(html).not.toMatch(/script|onerror|javascript:|<img/i);
	});
});
