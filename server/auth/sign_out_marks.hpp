// When each user last chose "sign out everywhere". Ending our sessions is
// not enough on its own: the provider's sign-in on the other devices lives
// on, and its single sign-on would hand them a new session silently. So a
// sign-in whose provider authentication (the ID token's auth_time) is older
// than the mark is sent back to the provider with prompt=login.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::auth {

class sign_out_marks {
public:
    // `remember_for`: how long a mark counts (the provider's longest session:
    // Auth0's absolute lifetime is at most 30 days); `capacity`: a bound on
    // memory (the oldest marks go first).
    explicit sign_out_marks(std::chrono::seconds remember_for = std::chrono::hours(24 * 30),
                            std::size_t capacity = 100000);

    // `sub` signed out everywhere at `unix_time` (seconds).
    void mark(std::string_view sub, std::int64_t unix_time);

    // Whether a provider authentication at `auth_time` (seconds; 0 when the
    // ID token had none) predates the user's last sign-out everywhere, as
    // seen at `now`.
    bool predates_mark(std::string_view sub, std::int64_t auth_time, std::int64_t now);

    enum class verdict {
        accept,               // a session may start
        ask_for_credentials,  // back to the provider with prompt=login
        refuse,               // we asked for credentials and the answer does not show they were given
    };
    // What a sign-in of `sub` gets. `auth_time`: the ID token's (nullopt
    // when absent). `asked`: we already sent this sign-in back for
    // credentials; if it still predates the mark (a browser that stripped
    // prompt=login from the URL got its old session back, or the provider
    // sends no auth_time), it is refused rather than sent round again. The
    // provider's clock is compared with ours: a fresh sign-in within a
    // second or two of the mark may be refused if the provider's runs behind.
    verdict check(std::string_view sub, std::optional<std::int64_t> auth_time, bool asked, std::int64_t now);

private:
    const std::int64_t remember_for_;
    const std::size_t capacity_;
    std::mutex mutex_;
    std::map<std::string, std::int64_t, std::less<>> marks_;  // sub -> unix time
    std::multimap<std::int64_t, std::string> by_time_;
};

}  // namespace profiledesk::auth
