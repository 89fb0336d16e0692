import { m } from '$lib/paraglide/messages';

/** Catalogue labels for stored enum values (roles, organisation kinds, statuses). */
export function roleLabel(role: string): string {
	return ({ admin: m.role_admin, coordinator: m.role_coordinator, member: m.role_member } as Record<string, () => string>)[role]?.() ?? role;
}

export function organisationKindLabel(kind: string): string {
	return ({ jugendamt: m.org_kind_jugendamt, polizei: m.org_kind_polizei, other: m.org_kind_other } as Record<string, () => string>)[kind]?.() ?? kind;
}

export function userStatusLabel(status: string): string {
	return ({ invited: m.user_status_invited, active: m.user_status_active, inactive: m.user_status_inactive } as Record<string, () => string>)[status]?.() ?? status;
}

