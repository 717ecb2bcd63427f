#include "config/secret_check.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace profiledesk::config {

bool looks_like_placeholder(const std::string& secret) {
    static const char* const words[] = {"changeme",    "change_me",   "change-me",     "change this",   "replace",
                                        "placeholder", "your_secret", "your-secret",   "yoursecret",    "your secret",
                                        "long_random", "long random", "random_string", "random-string", "random string",
                                        "example",     "secret_here", "xxxxxxxx"};
    std::string l(secret);
    std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char* w : words) {
        if (l.find(w) != std::string::npos) return true;
    }
    // "aaaa...", "12341234...": too few distinct characters to be random.
    const std::set<char> distinct(secret.begin(), secret.end());
    return distinct.size() < 10;
}

}  // namespace profiledesk::config
