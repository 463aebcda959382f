// A request's path as a log may hold it: the email-link doors carry a bearer token in the path (/l/, /lead/,
// /login/, /confirm/), and a log line must never be a working link to someone's mistake or account.
const TOKEN_DOOR = /^\/(l|lead|login|confirm)\/[^/]+/;

export const pathForLog = (url: string): string => new URL(url).pathname.replace(TOKEN_DOOR, '/$1/…');
