// The dashboard's build: bundle the browser app into static files the API serves.
export { bundleDashboard, DEFAULT_PUBLIC_DIR, type BundleResult } from './build/bundle.js';
