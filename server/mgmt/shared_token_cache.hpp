// Where the instances of a cluster share the Management API's M2M token, so
// that the tenant sees ONE client-credentials fetch for all of them (and one
// refresh after a 401), not one per instance. token_provider keeps its own
// in-process cache and single flight in front of it: one round trip per
// instance and fetch, not per request. Without one (null), the process is alone.
//
// The protocol (token_provider.cpp drives it):
//   acquire: the stored token, if any; else the fetch lock for `owner` if
//            nobody holds it (then fetch, and store); else neither: ask again
//            shortly (the holder stores it, or gives up, or its lock expires).
//   store:   the fetched token, usable for `fresh_for`; releases the lock.
//   release: gives the lock up after a failed fetch (only the owner's).
//   drop:    the API refused this token (401): delete it, if it is still the
//            stored one (a newer one stays). Tokens are told apart by the
//            fetch that stored them (its owner value), not by their text: a
//            tenant may hand out the very same JWT twice within one second.
//
// The token is a secret and sits in the store: an operator protects Redis
// (password, TLS, a private network) as they protect the client secret.
#pragma once

#include "state/outcome.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace profiledesk::mgmt {

class shared_token_cache {
public:
    using clock = std::chrono::steady_clock;
    virtual ~shared_token_cache() = default;

    struct acquired {
        std::optional<std::string> token;        // the stored token, usable for `fresh_for`
        std::chrono::milliseconds fresh_for{0};  //
        std::string stored_by;                   // with `token`: the owner of the fetch that stored it (for drop)
        bool fetch = false;                      // no token, and `owner` now holds the fetch lock
    };

    // Each `done` runs once, on an I/O thread, by `deadline` at the latest;
    // unavailable when the store could not be asked in time.
    virtual void acquire(const std::string& owner, std::chrono::milliseconds lock_for, clock::time_point deadline,
                         state::callback<acquired> done) = 0;
    virtual void store(const std::string& token, std::chrono::milliseconds fresh_for, const std::string& owner,
                       clock::time_point deadline, state::callback<state::done> done) = 0;
    virtual void release(const std::string& owner, clock::time_point deadline, state::callback<state::done> done) = 0;
    // Deletes the stored token if the fetch of `stored_by` stored it.
    virtual void drop(const std::string& stored_by, clock::time_point deadline, state::callback<state::done> done) = 0;
};

}  // namespace profiledesk::mgmt
