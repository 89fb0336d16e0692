/**
 * Approved minutes as an archival PDF/A-2b: A4, DejaVu Sans embedded from the `dejavu-fonts-ttf`
 * package (never a system font; umlauts and ß included), "Vertraulich – pseudonymisiert" on every
 * page, "Seite x von y", the meeting data, attendance, the Wiedervorlage, every item with its TOP
 * label, notes and outcomes, and the approval stamp with the version. It is rendered from the
 * frozen snapshot of a version, so the file shows exactly what was approved. Labels and placeholders
 * ("[Telefon]", "[Phone]") are in the requester's language (Paraglide's request locale).
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { marked, type Token } from 'marked';
import { m as msg } from '../../paraglide/messages.js';
import { fmtCalendarDate, fmtDate, fmtDateTime, fmtTime, fmtTop } from '../../format';
import { actionStatusLabel, outcomeKindLabel, voteLabel } from '../../action-labels';
import { minutesPresenceLabel } from '../../meeting-labels';
import { localisePlaceholders } from '../../placeholders';
import type { MinutesSnapshot } from './approval';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export interface VersionStamp {
	number: number;
	approvedAt: Date;
	approvedByName: string;
	approvedInMeetingOn: string | null;
	reason: string;
}

/** Markdown notes as plain paragraphs and list items (the PDF has no HTML; nothing is interpreted). */
export function markdownBlocks(md: string): { kind: 'paragraph' | 'item'; text: string }[] {
	const blocks: { kind: 'paragraph' | 'item'; text: string }[] = [];
	const plain = (t: Token): string => ('tokens' in t && t.tokens ? t.tokens.map(plain).join('') : 'text' in t ? String(t.text) : '');
	for (const token of marked.lexer(md)) {
		if (token.type === 'list') for (const item of token.items) blocks.push({ kind: 'item', text: item.tokens.map(plain).join(' ').trim() });
		else if (token.type !== 'space' && token.type !== 'hr') {
			const text = plain(token).trim();
			if (text) blocks.push({ kind: 'paragraph', text });
		}
	}
	return blocks;
}

export function minutesPdf(s: MinutesSnapshot, version: VersionStamp): Promise<Buffer> {
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: 70, bottom: 70, left: 60, right: 60 },
		pdfVersion: '1.7',
		subset: 'PDF/A-2b',
		font: FONT,
		bufferPages: true,
		lang: msg.pdf_lang(),
		displayTitle: true,
		info: { Title: `${msg.minutes_title()}: ${s.seriesTitle}, ${fmtCalendarDate(s.startsAt.slice(0, 10))}`, Author: 'Fallkonferenz', Subject: msg.pdf_confidential() }
	});
	doc.registerFont('regular', FONT);
	doc.registerFont('bold', FONT_BOLD);
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});

	const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
	const heading = (text: string, size = 13) => {
		doc.moveDown(0.6).font('bold').fontSize(size).text(text, { width }).font('regular').fontSize(10).moveDown(0.2);
	};
	const line = (text: string, opts: PDFKit.Mixins.TextOptions = {}) => doc.font('regular').fontSize(10).text(text, { width, ...opts });

	doc.font('bold').fontSize(16).text(`${msg.minutes_title()}: ${s.seriesTitle}`, { width });
	doc.font('regular').fontSize(10).moveDown(0.3);
	line(`${fmtDate(s.startsAt)}, ${fmtTime(s.startsAt)}–${fmtTime(s.endsAt)}${s.place ? ` · ${s.place}` : ''}`);
	line(`${msg.minutes_taker()}: ${s.minuteTaker ?? msg.minutes_taker_none()}`);
	const approval = [msg.minutes_version_n({ version: version.number }), msg.minutes_version_approved_by({ name: version.approvedByName, when: fmtDateTime(version.approvedAt) })];
	if (version.approvedInMeetingOn) approval.push(msg.minutes_approved_in_meeting_of({ date: fmtCalendarDate(version.approvedInMeetingOn) }));
	doc.moveDown(0.3).font('bold').text(approval.join(', '), { width }).font('regular');
	if (version.reason) line(`${msg.minutes_version_reason()}: ${localisePlaceholders(version.reason)}`);

	heading(msg.minutes_attendance());
	for (const a of s.attendance) {
		const times = [a.arrivedAt ? `${msg.minutes_arrived()} ${a.arrivedAt}` : '', a.leftAt ? `${msg.minutes_left()} ${a.leftAt}` : ''].filter(Boolean).join(', ');
		line(`${a.name} (${a.organisation}): ${minutesPresenceLabel(a.presence)}${times ? `, ${times}` : ''}`);
	}
	if (s.guests.length) {
		doc.moveDown(0.2);
		line(`${msg.minutes_guests()}: ${s.guests.map((g) => `${g.organisation} – ${g.function}`).join('; ')}`);
	}
	if (s.followUps.length) {
		heading(msg.followups_title());
		for (const f of s.followUps) line(`${fmtTop(f.topLabel)} ${localisePlaceholders(f.title)}: ${f.status ? actionStatusLabel(f.status) : ''}${f.note ? ` – ${localisePlaceholders(f.note)}` : ''}`);
	}
	for (const e of s.entries) {
		heading(`${fmtTop(e.topLabel)}  ${localisePlaceholders(e.title)}${e.caseCode && !e.title.includes(e.caseCode) ? ` (${e.caseCode})` : ''}`, 12);
		for (const b of markdownBlocks(localisePlaceholders(e.notes))) {
			if (b.kind === 'item') line(`•  ${b.text}`, { indent: 10 });
			else line(b.text);
			doc.moveDown(0.2);
		}
		for (const o of e.outcomes) {
			const vote = o.kind === 'decision' ? ` (${voteLabel(o)})` : '';
			const action = o.kind === 'action' ? ` – ${msg.action_responsible()}: ${o.assignee ?? '–'}${o.dueDate ? `, ${msg.action_due({ date: fmtCalendarDate(o.dueDate) })}` : ''}` : '';
			doc.font('bold').fontSize(10).text(`${outcomeKindLabel(o.kind)}: `, { width, continued: true }).font('regular').text(`${localisePlaceholders(o.text)}${vote}${action}`);
		}
	}

	// Header and page numbers on every page, once the number of pages is known.
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const { top, bottom } = doc.page.margins;
		doc.page.margins.top = 0;
		doc.page.margins.bottom = 0;
		doc.font('bold').fontSize(9).text(msg.pdf_confidential(), doc.page.margins.left, 30, { width, align: 'center' });
		doc.font('regular').fontSize(9).text(msg.pdf_page_of({ page: i + 1, pages: range.count }), doc.page.margins.left, doc.page.height - 45, { width, align: 'center' });
		doc.page.margins.top = top;
		doc.page.margins.bottom = bottom;
	}
	doc.end();
	return done;
}
