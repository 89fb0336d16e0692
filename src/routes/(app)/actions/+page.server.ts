import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { guard } from '$lib/server/forms';
import { myActions } from '$lib/server/actions';

/** "Meine Aufgaben": only what is assigned to the actor or their organisation, in their series. */
export const load: PageServerLoad = ({ locals }) => ({ groups: guard(() => myActions(getDb(), locals.actor!)) });
