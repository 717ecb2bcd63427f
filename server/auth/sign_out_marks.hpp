// When each user last chose "sign out everywhere". Ending our sessions is
// not enough on its own: the provider's sign-in on the other devices lives
// on, and its single sign-on would hand them a new session silently. So a
// sign-in whose provider authentication (the ID token's auth_time) is older
// than the mark is sent back to the provider with prompt=login.
//
// Asynchronous like the session store (session_store.hpp): the memory marks
// answer inline, the Redis-backed ones (redis_sign_out_marks.hpp) later on an
// I/O thread, and `unavailable` when Redis cannot be reached in time.
#pragma once

#include "state/outcome.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::auth {

// How long a mark counts by default: the provider's longest session
// (Auth0's absolute lifetime is at most 30 days).
inline constexpr std::chrono::seconds default_sign_out_memory{std::chrono::hours(24 * 30)};

enum class sign_out_verdict {
    accept,               // a session may start
    ask_for_credentials,  // back to the provider with prompt=login
    refuse,               // we asked for credentials and the answer does not show they were given
};

// Pure: what a sign-in gets. `marked_at`: the user's last sign-out
// everywhere (unix seconds; nullopt: none). `auth_time`: the ID token's
// (nullopt when absent). `asked`: we already sent this sign-in back for
// credentials; if it still predates the mark (a browser that stripped
// prompt=login from the URL got its old session back, or the provider sends
// no auth_time), it is refused rather than sent round again. A mark counts
// until `marked_at + remember_for`. auth_time has whole seconds: one in the
// mark's own second counts as after it, so credentials given again right
// away are never refused. The provider's clock is compared with ours: a
// fresh sign-in within a second or two of the mark may be refused if the
// provider's runs behind.
sign_out_verdict judge_sign_in(std::optional<std::int64_t> marked_at, std::optional<std::int64_t> auth_time, bool asked,
                               std::int64_t now, std::chrono::seconds remember_for);

class sign_out_marks {
public:
    using verdict = sign_out_verdict;
    virtual ~sign_out_marks() = default;
    // `sub` signed out everywhere at `unix_time` (seconds); a later mark replaces an earlier one.
    virtual void mark(std::string sub, std::int64_t unix_time, state::callback<state::done> done) = 0;
    // What a sign-in of `sub` gets (judge_sign_in), as seen at `now` (unix seconds).
    virtual void check(std::string sub, std::optional<std::int64_t> auth_time, bool asked, std::int64_t now,
                       state::callback<verdict> done) = 0;
};

// The embedded marks: one process, forgotten on restart. Answers inline.
class memory_sign_out_marks final : public sign_out_marks {
public:
    // `capacity`: a bound on memory (the oldest marks go first).
    explicit memory_sign_out_marks(std::chrono::seconds remember_for = default_sign_out_memory,
                                   std::size_t capacity = 100000);

    void mark(std::string sub, std::int64_t unix_time, state::callback<state::done> done) override;
    void check(std::string sub, std::optional<std::int64_t> auth_time, bool asked, std::int64_t now,
               state::callback<verdict> done) override;

private:
    std::optional<std::int64_t> marked_at(std::string_view sub);

    const std::chrono::seconds remember_for_;
    const std::size_t capacity_;
    std::mutex mutex_;
    std::map<std::string, std::int64_t, std::less<>> marks_;  // sub -> unix time
    std::multimap<std::int64_t, std::string> by_time_;
};

}  // namespace profiledesk::auth
