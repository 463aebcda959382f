// Types for Vite's import.meta.glob and `?raw` imports, which the tests use to load fixtures
// (Vite inlines them when it transforms the test, so workerd never reads the file system).
/// <reference types="vite/client" />
