import type { Actor } from '$lib/server/access';
import type { Session, SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
			errorId?: string;
		}
		interface Locals {
			/** The session user, also before the second factor is done. */
			user: SessionUser | null;
			session: Session | null;
			/** Set only for a fully signed-in user (second factor done): the domain's acting user. */
			actor: Actor | null;
			clientAddress: string | null;
		}
	}
}

export {};
