import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { listOutbox } from '$lib/server/mail/outbox';
import { guard } from '$lib/server/forms';
import { config } from '$lib/server/config';

export const load: PageServerLoad = ({ locals }) => ({
	mails: guard(() => listOutbox(getDb(), locals.actor!)),
	smtpConfigured: !!config().smtpUrl
});
