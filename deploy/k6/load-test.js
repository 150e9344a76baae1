// k6 load test for a real cluster (the seed's bar): 1000 requests/s at a constant arrival rate
// for 5 minutes, p95 < 500 ms, < 1 % errors. The same scenario runs locally with `hey` in bench/.
//   k6 run -e BASE_URL=https://store-platform.example.com -e SMOKE_USER=admin -e SMOKE_PASSWORD=... deploy/k6/load-test.js
import http from "k6/http";
import { check, fail } from "k6";

const BASE = __ENV.BASE_URL || "http://127.0.0.1:8080";

export const options = {
  scenarios: {
    constant: {
      executor: "constant-arrival-rate",
      rate: Number(__ENV.RATE || 1000),
      timeUnit: "1s",
      duration: __ENV.DURATION || "5m",
      preAllocatedVUs: 200,
      maxVUs: 1000,
    },
  },
  thresholds: {
    http_req_duration: ["p(95)<500"],
    http_req_failed: ["rate<0.01"],
  },
};

export function setup() {
  const res = http.post(`${BASE}/api/auth/login`, JSON.stringify({
    username: __ENV.SMOKE_USER || "admin", password: __ENV.SMOKE_PASSWORD, rememberMe: false,
  }), { headers: { "content-type": "application/json" } });
  if (res.status !== 200) fail(`login failed: ${res.status}`);
  return { token: res.json("accessToken") };
}

// The mix of the dashboard: mostly the store list, some details and stats.
export default function (data) {
  const headers = { authorization: `Bearer ${data.token}` };
  const r = Math.random();
  let res;
  if (r < 0.7) res = http.get(`${BASE}/api/stores?page=1&pageSize=100`, { headers, tags: { name: "list" } });
  else if (r < 0.9) res = http.get(`${BASE}/api/stats`, { headers, tags: { name: "stats" } });
  else res = http.get(`${BASE}/health/ready`, { tags: { name: "ready" } });
  check(res, { "status is 200": (x) => x.status === 200 });
}
