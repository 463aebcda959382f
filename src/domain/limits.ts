// How long each field of a mistake may be: the API's schema and the web form's inputs both hold to these.
export const LIMITS = { title: 200, description: 5000, impact: 5000, name: 100, email: 254, timeZone: 64, cadence: 20, maxDay: 365 };
