import { describe, expect, it } from 'vitest';
import { decisionsFromForm, findingKey, reviewText } from './review';

const ctx = { persons: [{ name: 'Lena Schulte', pseudonym: 'Kind A' }], allow: ['Anna Becker'] };

describe('reviewText', () => {
	it('replaces known persons before anything is stored and leaves other findings open', () => {
		const r = reviewText('Lena Schulte war bei Frau Yilmaz, Tel. 0171 1234567.', ctx);
		expect(r.text).toBe('Kind A war bei Frau Yilmaz, Tel. 0171 1234567.');
		expect(r.open.map((f) => [f.kind, f.text])).toEqual([
			['person', 'Yilmaz'],
			['phone', '0171 1234567']
		]);
	});

	it('applies placeholders, records confirmations and registrations, and closes the findings', () => {
		const decisions = {
			[findingKey({ kind: 'phone', text: '0171 1234567' })]: { action: 'placeholder' as const },
			[findingKey({ kind: 'person', text: 'Yilmaz' })]: { action: 'ignore' as const }
		};
		const r = reviewText('Lena war bei Frau Yilmaz, Tel. 0171 1234567.', ctx, decisions);
		expect(r.text).toBe('Kind A war bei Frau Yilmaz, Tel. [[pii:phone]].');
		expect(r.open).toEqual([]);
		expect(r.ignored.map((f) => f.text)).toEqual(['Yilmaz']);
	});

	it('reads decisions from the review form', () => {
		const form = new FormData();
		form.set('pii_0_key', 'person|Yilmaz');
		form.set('pii_0_action', 'register');
		form.set('pii_0_case', '7');
		form.set('pii_0_role', 'mutter');
		form.set('pii_1_key', 'phone|0171 1234567');
		form.set('pii_1_action', 'placeholder');
		form.set('pii_2_key', 'email|x@y.de');
		expect(decisionsFromForm(form)).toEqual({ 'person|Yilmaz': { action: 'register', caseId: 7, role: 'mutter' }, 'phone|0171 1234567': { action: 'placeholder' } });
	});
});
