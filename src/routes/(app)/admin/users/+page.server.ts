import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { listUsers } from '$lib/server/users';
import { guard } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals }) => ({ users: guard(() => listUsers(getDb(), locals.actor!)) });
