import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { listOutbox, resendMail } from '$lib/server/mail/outbox';
import { formAction, guard, idParam, requestMeta, str } from '$lib/server/forms';
import { config } from '$lib/server/config';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = ({ locals }) => ({
	mails: guard(() => listOutbox(getDb(), locals.actor!)).map((mail) => ({ ...mail, attachments: mail.attachments.map((a) => ({ filename: a.filename })) })),
	smtpConfigured: !!config().smtpUrl
});

export const actions: Actions = {
	resend: formAction('resend', (e, d, actor) => resendMail(getDb(), actor, idParam(str(d, 'mail')), requestMeta(e)), () => m.outbox_resent(), (d) => ({ mailId: Number(str(d, 'mail')) || null }))
};
