// Loaded with `node --import` when the benchmark starts the original Node.js HomelabARR (scripts/bench.sh).
// The original caps every client address at 100 requests a minute (express-rate-limit, hard-coded), so a load test
// from one loopback address would measure 429 answers. This hook hands its `rateLimit(options)` call a copy of the
// options with the limit raised to ORIGINAL_RATE_LIMIT (default 1e9) per window; the limiter itself still runs on
// every request, so its cost stays in the figures. Nothing of the original's files is changed.
import { register } from 'node:module';

register(new URL('./rate-limit-resolve.mjs', import.meta.url));
