import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { meetingHeader } from '$lib/server/meetings';
import { getAgenda, linkAgendaItemToCase, moveAgendaItem, publishAgenda, reorderAgenda, reviewAgendaItem, setAgendaSlot, submitAgendaItem, updateAgendaItem, withdrawAgendaItem } from '$lib/server/agenda';
import { renderMarkdownCached } from '$lib/server/markdown';
import { getKeysDb } from '$lib/server/keystore';
import { hasLinkableOpenCase, listOpenCaseChoices, openCasesFitList } from '$lib/server/cases';
import { CASE_ROLES } from '$lib/server/db/schema';
import { can } from '$lib/server/access';
import { todayKey } from '$lib/server/actions';
import { decisionsFromForm } from '$lib/server/pii/review';
import { PiiReviewRequired } from '$lib/server/pii/protect';
import { failure, formAction, formValues, idParam, recordLoad, requestMeta, requireActor, str } from '$lib/server/forms';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) =>
	recordLoad(event, ({ db, actor, id }) => {
		const view = meetingHeader(db, actor, id);
		const agenda = getAgenda(db, actor, id);
		// Only what the page shows (a long agenda once rendered a select of all the actor's cases per
		// item, and every open case for a submit form that was not there): the cases of the submit form
		// while items may be submitted, and the actor's own cases in the one link form opened (?link=<item>).
		const canSubmit = view.phase.acceptsSubmissions || (view.phase.ahead && view.canManage);
		const mayLink = !view.phase.cancelled && can(actor, 'case.reveal', { type: 'case', organisationId: actor.organisationId });
		// Without ?link= the page needs only to know whether there is a case to link (one row, not all).
		const wanted = Number(event.url.searchParams.get('link'));
		const linkWanted = mayLink && agenda.items.some((i) => i.id === wanted && !i.caseId);
		// A district with more open cases than a list can hold gets a field for the case code instead.
		const caseList = canSubmit && openCasesFitList(db, actor);
		const openCases = caseList || linkWanted ? listOpenCaseChoices(db, actor) : [];
		const linkable = linkWanted ? openCases.filter((c) => c.canReveal) : [];
		const canLinkCases = linkWanted ? linkable.length > 0 : mayLink && hasLinkableOpenCase(db, actor);
		const linkItem = linkable.length ? wanted : null;
		return {
			meeting: view.meeting,
			phase: view.phase,
			series: view.series,
			deadline: view.deadline,
			canManage: view.canManage,
			cases: caseList ? openCases.map((c) => ({ id: c.id, code: c.code, label: c.label })) : [],
			caseByCode: canSubmit && !caseList,
			// The actor's own cases, to which they may link an item later: listed for the item chosen.
			canLinkCases,
			linkItem,
			linkableCases: linkItem ? linkable.map((c) => ({ id: c.id, code: c.code, label: c.label })) : [],
			caseRoles: [...CASE_ROLES],
			now: new Date(),
			today: todayKey(),
			// The Markdown source only for the author's own items (their edit form); everyone reads the HTML.
			agenda: { ...agenda, items: agenda.items.map((i) => ({ ...i, text: i.own ? i.text : '', html: i.text ? renderMarkdownCached(i.text) : '' })) }
		};
	});

/** Which item a message belongs to, so the page shows it next to that item. */
const itemOf = (data: FormData): { itemId: number | null } => ({ itemId: Number(str(data, 'item')) || null });
const act = <R>(form: string, run: Parameters<typeof formAction<R>>[1], success: (r: R) => string) => formAction<R, { itemId: number | null }>(form, run, success, itemOf);

const db = () => getDb();

export const actions: Actions = {
	submit: async (event) => {
		const actor = requireActor(event);
		const d = await event.request.formData();
		const values = formValues(d);
		let id: number;
		try {
			id = submitAgendaItem(
				db(),
				getKeysDb(),
				actor,
				idParam(event.params.id),
				{ kind: str(d, 'kind') as 'topic', title: str(d, 'title'), text: str(d, 'text'), requestedMinutes: str(d, 'requestedMinutes'), late: d.get('late') === 'on', caseId: str(d, 'caseId'), caseCode: str(d, 'caseCode'), decisions: decisionsFromForm(d) },
				requestMeta(event)
			);
		} catch (e) {
			const f = failure(e, values);
			// Personal data found: the author decides per finding, nothing is stored until then.
			const review = e instanceof PiiReviewRequired ? { findings: e.findings, cases: e.cases, preview: e.preview } : null;
			return fail(f.status, { ...f.data, form: 'submit', itemId: null, review });
		}
		// A coordinator's own item is on the agenda at once; everyone else's waits for the decision.
		const accepted = getAgenda(db(), actor, idParam(event.params.id)).items.some((i) => i.id === id && i.status === 'accepted');
		return { form: 'submit', success: accepted ? m.agenda_submitted_accepted() : m.agenda_submitted(), itemId: null };
	},
	review: act(
		'review',
		(e, d) => reviewAgendaItem(db(), e.locals.actor!, idParam(str(d, 'item')), { decision: str(d, 'decision'), reason: str(d, 'reason'), version: Number(str(d, 'version')) }, requestMeta(e)),
		(r) => (r.movedTo ? m.agenda_deferred_done() : m.saved())
	),
	move: act('move', (e, d) => moveAgendaItem(db(), e.locals.actor!, idParam(str(d, 'item')), str(d, 'direction') === 'up' ? 'up' : 'down'), () => m.agenda_order_saved()),
	reorder: act(
		'reorder',
		(e, d) =>
			reorderAgenda(
				db(),
				e.locals.actor!,
				idParam(e.params.id),
				str(d, 'order')
					.split(',')
					.map((x) => Number(x))
			),
		() => m.agenda_order_saved()
	),
	linkCase: act(
		'linkCase',
		(e, d) => linkAgendaItemToCase(db(), getKeysDb(), e.locals.actor!, idParam(str(d, 'item')), { caseId: Number(str(d, 'caseId')), version: Number(str(d, 'version')) }, requestMeta(e)),
		() => m.agenda_case_linked()
	),
	edit: act(
		'edit',
		(e, d) =>
			updateAgendaItem(
				db(),
				getKeysDb(),
				e.locals.actor!,
				idParam(str(d, 'item')),
				{ kind: str(d, 'kind') as 'topic', title: str(d, 'title'), text: str(d, 'text'), requestedMinutes: str(d, 'requestedMinutes'), caseId: str(d, 'caseId'), version: Number(str(d, 'version')), decisions: decisionsFromForm(d) },
				requestMeta(e)
			),
		() => m.saved()
	),
	withdraw: act('withdraw', (e, d) => withdrawAgendaItem(db(), e.locals.actor!, idParam(str(d, 'item')), { version: str(d, 'version') }, requestMeta(e)), () => m.agenda_withdrawn()),
	slot: act('slot', (e, d) => setAgendaSlot(db(), e.locals.actor!, idParam(str(d, 'item')), Number(str(d, 'minutes'))), () => m.saved()),
	publish: act('publish', (e) => publishAgenda(db(), e.locals.actor!, idParam(e.params.id), e.url.origin, requestMeta(e)), () => m.agenda_published_done())
};
