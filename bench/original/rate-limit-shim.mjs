// See rate-limit-hook.mjs: the original's rateLimit(options) with the limit raised for a loopback load test.
import realRateLimit from 'express-rate-limit';

const limit = Number(process.env.ORIGINAL_RATE_LIMIT || 1e9);

export default function rateLimit(options = {}) {
  return realRateLimit({ ...options, max: limit, limit });
}
