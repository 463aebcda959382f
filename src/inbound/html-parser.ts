// htmlparser2's Parser alone. Its package index also re-exports DomUtils, whose serializer pulls a second
// copy of the `entities` tables into the Worker (about 30 KiB gzip), and its exports map offers no narrower
// entry: so the one module is imported by path.
export { Parser } from '../../node_modules/htmlparser2/dist/esm/Parser.js';
