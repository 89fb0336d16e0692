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
