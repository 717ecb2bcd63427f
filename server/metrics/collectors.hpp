// Metrics whose values other parts already keep, read at scrape time rather
// than counted twice: the Management API client's counters and circuit
// breaker, and the memory session store's size. Each holds a weak reference:
// a scrape after the object is gone finds nothing to report.
#pragma once

#include "auth/session_store.hpp"
#include "metrics/registry.hpp"
#include "mgmt/users_client.hpp"

#include <memory>

namespace profiledesk::metrics {

// profiledesk_mgmt_*: M2M token fetches, the read cache (hits, misses,
// coalesced reads), retries, rate-limit waits and calls given up as rate
// limited, calls refused by the open breaker, and the breaker's state.
void add_mgmt_metrics(registry& r, const std::shared_ptr<mgmt::users_client>& users);

// The families of one snapshot (pure: the collector's formatting, tested directly).
std::vector<family_snapshot> mgmt_families(const mgmt::counters_snapshot& c, mgmt::breaker_state breaker);

// profiledesk_sessions: sessions this process holds. Only for the memory
// store (returns false otherwise): a shared store's count is not this
// instance's to report, and counting it would cost a scan.
bool add_session_metrics(registry& r, const std::shared_ptr<auth::session_store>& sessions);

}  // namespace profiledesk::metrics
