import type { SeriesInput } from '.';
import { formValues } from '../forms';

/** "07.04.2026" or "2026-04-07" → "2026-04-07"; anything else is passed on for the schema to refuse. */
export function isoDate(value: string): string {
	const v = value.trim();
	const de = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
	return de ? `${de[3]}-${de[2].padStart(2, '0')}-${de[1].padStart(2, '0')}` : v;
}

function optional(data: FormData, key: string): string | undefined {
	const v = data.get(key);
	return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Reads the series form (also used to refill it after an error). */
export function seriesFormInput(data: FormData): SeriesInput {
	const text = (k: string) => String(data.get(k) ?? '');
	return {
		title: text('title'),
		description: text('description'),
		place: text('place'),
		durationMinutes: text('durationMinutes'),
		agendaDeadlineDays: text('agendaDeadlineDays'),
		reminderDaysBefore: text('reminderDaysBefore') || '3',
		recurrence: {
			kind: text('kind') as 'weekly',
			interval: optional(data, 'interval') ?? '1',
			weekday: optional(data, 'weekday'),
			setPos: optional(data, 'setPos'),
			monthDay: optional(data, 'monthDay'),
			startDate: isoDate(text('startDate')),
			time: text('time'),
			until: optional(data, 'until') ? isoDate(optional(data, 'until')!) : undefined,
			count: optional(data, 'count'),
			exceptions: text('exceptions')
				.split(/[\s,;]+/)
				.filter(Boolean)
				.map(isoDate)
		} as unknown as SeriesInput['recurrence'],
		coordinatorIds: data.getAll('coordinatorIds').map(String),
		memberUserIds: data.getAll('memberUserIds').map(String),
		memberOrganisationIds: data.getAll('memberOrganisationIds').map(String)
	} as SeriesInput;
}

/** The raw form as the page needs it to show the user's input again after an error. */
export function seriesFormValues(data: FormData): Record<string, unknown> {
	const flat: Record<string, unknown> = formValues(data);
	for (const key of ['coordinatorIds', 'memberUserIds', 'memberOrganisationIds']) flat[key] = data.getAll(key).map(String);
	return flat;
}
