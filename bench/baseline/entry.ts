// The bundle and startup baseline: a bare hono Worker with one route.
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.html('<!doctype html><title>bare</title><p>bare</p>'));
export default app;
