// Two replicas of store-service on ONE PostgreSQL database, their events relayed through Redis
// pub/sub ('redis': a throw-away Redis is started) or PostgreSQL LISTEN/NOTIFY
// ('postgres-notify'). Used by the multi-replica tests (fanout, access).
import { startService } from './harness.mjs';
import { RedisProcess } from './redis-process.mjs';

/**
 * Starts replica A (PostgreSQL) and replica B (a second process on A's database, its own data
 * directory), both with `env`. Returns {a, b, stop}; `stop` ends both (asserting a clean exit)
 * and the Redis it started.
 */
export async function startReplicaPair(transport, env = {}) {
  const shared = { ...env };
  let redis = null;
  if (transport === 'redis') {
    redis = RedisProcess.start();
    shared.REDIS_URL = redis.url;
  }
  const pair = { a: null, b: null };
  pair.stop = async () => {
    await pair.b?.stopAndAssertClean();
    await pair.a?.stopAndAssertClean();
    redis?.stop();
  };
  try {
    pair.a = await startService({ db: 'postgres', env: shared });
    pair.b = await startService({ db: 'sqlite', env: { ...shared, DATABASE_URL: pair.a.databaseUrl } });
  } catch (error) {
    await pair.stop().catch(() => {});
    throw error;
  }
  return pair;
}
