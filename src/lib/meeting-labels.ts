import { m } from '$lib/paraglide/messages';

type Fn = () => string;

export function meetingStatusLabel(status: string): string {
	return ({ planned: m.meeting_status_planned, agenda_published: m.meeting_status_agenda_published, in_progress: m.meeting_status_in_progress, held: m.meeting_status_held, minutes_review: m.meeting_status_minutes_review, minutes_approved: m.meeting_status_minutes_approved, cancelled: m.meeting_status_cancelled } as Record<string, Fn>)[status]?.() ?? status;
}

export function agendaKindLabel(kind: string): string {
	return ({ topic: m.agenda_kind_topic, case: m.agenda_kind_case, situation: m.agenda_kind_situation, followup: m.agenda_kind_followup } as Record<string, Fn>)[kind]?.() ?? kind;
}

export function agendaStatusLabel(status: string): string {
	return ({ proposed: m.agenda_status_proposed, accepted: m.agenda_status_accepted, rejected: m.agenda_status_rejected, deferred: m.agenda_status_deferred } as Record<string, Fn>)[status]?.() ?? status;
}

export function answerLabel(answer: string | null): string {
	return ({ accepted: m.answer_accepted, declined: m.answer_declined, tentative: m.answer_tentative } as Record<string, Fn>)[answer ?? '']?.() ?? m.answer_open();
}

export function recurrenceLabel(r: { kind: string; interval?: number; weekday?: number; setPos?: number; monthDay?: number; time: string }): string {
	const weekdays = [m.weekday_mo, m.weekday_tu, m.weekday_we, m.weekday_th, m.weekday_fr, m.weekday_sa, m.weekday_su];
	const pos = ({ 1: m.setpos_1, 2: m.setpos_2, 3: m.setpos_3, 4: m.setpos_4, [-1]: m.setpos_last } as Record<number, Fn>)[r.setPos ?? 0]?.() ?? '';
	const day = r.weekday !== undefined ? weekdays[r.weekday]() : '';
	const interval = Number(r.interval ?? 1);
	switch (r.kind) {
		// "monatlich" rather than "alle 1 Monate".
		case 'weekly':
			return interval === 1 ? m.recurrence_text_weekly_1({ weekday: day, time: r.time }) : m.recurrence_text_weekly({ interval, weekday: day, time: r.time });
		case 'monthly_weekday':
			return interval === 1 ? m.recurrence_text_monthly_weekday_1({ pos, weekday: day, time: r.time }) : m.recurrence_text_monthly_weekday({ interval, pos, weekday: day, time: r.time });
		case 'quarterly':
			return m.recurrence_text_quarterly({ pos, weekday: day, time: r.time });
		default:
			return interval === 1 ? m.recurrence_text_monthly_day_1({ day: r.monthDay ?? 1, time: r.time }) : m.recurrence_text_monthly_day({ interval, day: r.monthDay ?? 1, time: r.time });
	}
}

export function piiKindLabel(kind: string): string {
	return ({ person: m.pii_kind_person, birthdate: m.pii_kind_birthdate, address: m.pii_kind_address, phone: m.pii_kind_phone, email: m.pii_kind_email, iban: m.pii_kind_iban, plate: m.pii_kind_plate } as Record<string, Fn>)[kind]?.() ?? kind;
}

export function minutesStatusLabel(status: string): string {
	return ({ draft: m.minutes_status_draft, review: m.minutes_status_review, approved: m.minutes_status_approved } as Record<string, Fn>)[status]?.() ?? status;
}

export function minutesPresenceLabel(presence: string): string {
	return ({ present: m.minutes_presence_present, excused: m.minutes_presence_excused, absent: m.minutes_presence_absent } as Record<string, Fn>)[presence]?.() ?? presence;
}
