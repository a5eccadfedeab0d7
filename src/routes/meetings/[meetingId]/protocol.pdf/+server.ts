import { download } from '../protocol-download';
import type { RequestHandler } from './$types';

/** The protocol as pdf, for members of the board (internal by default, `?version=public`). */
export const GET: RequestHandler = (event) => download(event, 'pdf');
