import { m } from '$lib/paraglide/messages';

/** Catalogue labels for the stored values of cases (roles, legal bases) and date formats. */

export function caseRoleLabel(role: string): string {
	return (
		(
			{
				child: m.case_role_child,
				mother: m.case_role_mother,
				father: m.case_role_father,
				parent: m.case_role_parent,
				sibling: m.case_role_sibling,
				caregiver: m.case_role_caregiver,
				other: m.case_role_other
			} as Record<string, () => string>
		)[role]?.() ?? role
	);
}

export function legalBasisLabel(basis: string): string {
	return (
		(
			{
				sgb8_8a: m.legal_basis_sgb8_8a,
				sgb10_68: m.legal_basis_sgb10_68,
				consent: m.legal_basis_consent,
				other_law: m.legal_basis_other_law
			} as Record<string, () => string>
		)[basis]?.() ?? basis
	);
}

const tag = (locale: string) => (locale === 'en' ? 'en-GB' : 'de-DE');

export function formatDate(value: Date | string | number | null | undefined, locale: string): string {
	if (value == null) return '–';
	return new Date(value).toLocaleDateString(tag(locale), { timeZone: 'Europe/Berlin', dateStyle: 'medium' });
}

export function formatTime(value: Date | string | number, locale: string): string {
	return new Date(value).toLocaleTimeString(tag(locale), { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });
}

/** A stored birth date (YYYY-MM-DD) as a calendar date, without time-zone shifts. */
export function formatBirthDate(value: string | null, locale: string): string {
	if (!value) return '–';
	return new Date(`${value}T00:00:00Z`).toLocaleDateString(tag(locale), { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' });
}
