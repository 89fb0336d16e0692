/**
 * The action overview as CSV for German Excel: UTF-8 with BOM (so umlauts survive), semicolons,
 * dates as dd.mm.yyyy, CRLF line ends. A cell that Excel would read as a formula (starting with
 * =, +, -, @, tab or CR) gets a leading apostrophe, so exported text can never run as a formula.
 */
import { stringify } from 'csv-stringify/sync';
import type { ActionListRow } from '.';
import { localisePlaceholders } from '../../placeholders';
import { fmtTop } from '../../format';
import type { Locale } from '../../paraglide/runtime.js';

export function neutraliseFormula(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function germanDate(value: string | Date | null): string {
	if (!value) return '';
	if (value instanceof Date) return value.toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });
	const [y, mo, d] = value.split('-');
	return `${d}.${mo}.${y}`;
}

export interface CsvLabels {
	columns: { id: string; title: string; status: string; due: string; overdue: string; person: string; organisation: string; case: string; series: string; meeting: string; top: string };
	status: (s: string) => string;
	yes: string;
	/** Language of the placeholders in titles ("[Telefon]", "[Phone]"); the request's locale by default. */
	locale?: Locale;
}

export function actionsCsv(rows: ActionListRow[], labels: CsvLabels): string {
	const c = labels.columns;
	return stringify(
		rows.map((r) => [String(r.id), localisePlaceholders(r.title, labels.locale), labels.status(r.status), germanDate(r.dueDate), r.overdue ? labels.yes : '', r.assigneeName ?? '', r.assigneeOrganisationName ?? '', r.caseCode ?? '', r.seriesTitle, germanDate(r.meetingStartsAt), fmtTop(r.topLabel, labels.locale)].map(neutraliseFormula)),
		{ bom: true, delimiter: ';', record_delimiter: 'windows', quoted_match: /[";\n\r]/, header: true, columns: [c.id, c.title, c.status, c.due, c.overdue, c.person, c.organisation, c.case, c.series, c.meeting, c.top] }
	);
}
