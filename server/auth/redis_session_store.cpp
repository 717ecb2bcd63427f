#include "auth/redis_session_store.hpp"

#include "crypto/random.hpp"
#include "log/log.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

namespace profiledesk::auth {
namespace {

using clock = redis::client::clock;
using time_point = session_store::time_point;
using std::chrono::milliseconds;

constexpr std::size_t id_bytes = 32;  // 256 bits, as the memory store's (ASVS 7.2.3 asks for 128 at least)
constexpr std::size_t csrf_bytes = 32;
constexpr std::size_t handle_bytes = 16;  // 128 bits, as the memory store's

std::int64_t ms_of(time_point t) { return std::chrono::duration_cast<milliseconds>(t.time_since_epoch()).count(); }
time_point time_of(std::int64_t ms) {
    return time_point{} + std::chrono::duration_cast<time_point::duration>(milliseconds(ms));
}
std::int64_t ms_of(std::chrono::seconds s) { return std::chrono::duration_cast<milliseconds>(s).count(); }

// A new session: written with its expiry in one step (never a session
// without one), and never over an existing key (a repeated id must not hand
// someone else's session over). KEYS[1]: the session; ARGV[1]: its time to
// live (ms), then field, value pairs.
const redis::script& create_script() {
    static const redis::script s(R"lua(
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
)lua");
    return s;
}

// find: reads the session and gives it min(idle, the rest of its absolute
// lifetime) more, in one step, so a session erased meanwhile is never
// written back. KEYS[1]: the session; ARGV[1]: now (ms), ARGV[2]: the idle
// timeout (ms), ARGV[3]: a handle for a session that has none yet (one an
// earlier version created). Answers nil, or HGETALL's field, value pairs.
const redis::script& touch_script() {
    static const redis::script s(R"lua(
local expires = tonumber(redis.call('HGET', KEYS[1], 'expires'))
if not expires then return false end
local now = tonumber(ARGV[1])
if now >= expires then
  redis.call('DEL', KEYS[1])
  return false
end
-- A clock that steps back, or another instance's behind ours, must not make the session older.
local last_seen = tonumber(redis.call('HGET', KEYS[1], 'last_seen'))
if not last_seen or now > last_seen then redis.call('HSET', KEYS[1], 'last_seen', ARGV[1]) end
redis.call('PEXPIRE', KEYS[1], math.min(tonumber(ARGV[2]), expires - now))
redis.call('HSETNX', KEYS[1], 'handle', ARGV[3])
return redis.call('HGETALL', KEYS[1])
)lua");
    return s;
}

// update_user: changes only a session that exists (a plain HSET would bring
// an erased one back, with no expiry). KEYS[1]: the session; ARGV: field, value pairs.
const redis::script& update_script() {
    static const redis::script s(R"lua(
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
)lua");
    return s;
}

// list_user, per session of the user's index: its listing while it lives,
// giving a handle to one an earlier version created without. KEYS[1]: the
// session; ARGV[1]: now (ms), ARGV[2]: the user, ARGV[3]: a new handle.
// Answers nil, or {handle, device, address, created, last_seen}.
const redis::script& listing_script() {
    static const redis::script s(R"lua(
local expires = tonumber(redis.call('HGET', KEYS[1], 'expires'))
if not expires or tonumber(ARGV[1]) >= expires then return false end
if redis.call('HGET', KEYS[1], 'sub') ~= ARGV[2] then return false end
redis.call('HSETNX', KEYS[1], 'handle', ARGV[3])
return redis.call('HMGET', KEYS[1], 'handle', 'device', 'address', 'created', 'last_seen')
)lua");
    return s;
}

// erase_handle, per session of the user's index: deletes it only when it
// is this user's, live, and named by the handle, in one step. KEYS[1]: the
// session; ARGV[1]: the user, ARGV[2]: the handle, ARGV[3]: now (ms).
// Answers 1 when it ended a live session, 0 otherwise (an expired match is
// deleted all the same).
const redis::script& erase_handle_script() {
    static const redis::script s(R"lua(
if redis.call('HGET', KEYS[1], 'sub') ~= ARGV[1] then return 0 end
if redis.call('HGET', KEYS[1], 'handle') ~= ARGV[2] then return 0 end
local expires = tonumber(redis.call('HGET', KEYS[1], 'expires'))
redis.call('DEL', KEYS[1])
if not expires or tonumber(ARGV[3]) >= expires then return 0 end
return 1
)lua");
    return s;
}

// Indexes a new session under its user and, when they are over the cap,
// answers {how many too many, the others oldest first}, else {0, {}}: the
// caller then ends the oldest live ones. One step, so concurrent sign-ins of
// one user (on any instances) count each other. KEYS[1]: the user's index;
// ARGV[1]: the session's digest, ARGV[2]: its creation (ms), ARGV[3]:
// sessions created before this (ms) are past their absolute lifetime,
// ARGV[4]: the most a user may hold, ARGV[5]: how long the index must last
// (ms: as long as its newest session can).
const redis::script& index_script() {
    static const redis::script s(R"lua(
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[4])
if over <= 0 then return {0, {}} end
local others = {}
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if member ~= ARGV[1] then others[#others + 1] = member end
end
return {over, others}
)lua");
    return s;
}

// Sends the commands back to back and answers all their results at once.
// They may touch keys of different Cluster slots (one command each); on
// one connection Redis runs them in the order sent, so a command runs only
// if every one before it was at least received.
void pipeline(redis::client& client, std::vector<std::vector<std::string>> commands, clock::time_point deadline,
              std::function<void(std::vector<redis::result>)> done) {
    struct pending {
        std::vector<redis::result> results;
        std::atomic<std::size_t> left{0};
        std::function<void(std::vector<redis::result>)> done;
    };
    auto p = std::make_shared<pending>();
    p->results.resize(commands.size());
    p->left = commands.size();
    p->done = std::move(done);
    if (commands.empty()) return p->done({});
    for (std::size_t i = 0; i < commands.size(); ++i) {
        client.command(std::move(commands[i]), deadline, [p, i](redis::result r) {
            p->results[i] = std::move(r);
            if (p->left.fetch_sub(1) == 1) p->done(std::move(p->results));
        });
    }
}

// A failed command, for the log: which step and how, never a key or value.
void log_failure(const char* step, const redis::result& r) {
    log::error(
        "sessions: a redis command failed",
        {{"step", log::text(step)}, {"error", log::text(redis::to_string(r.error))}, {"detail", log::text(r.message)}});
}

template <class T>
void unavailable(const state::callback<T>& done) {
    done(state::outcome<T>::unavailable());
}

class redis_session_store final : public session_store, public std::enable_shared_from_this<redis_session_store> {
public:
    redis_session_store(std::shared_ptr<redis::client> client, redis::key_space keys, session_timeouts timeouts,
                        std::size_t max_per_user, milliseconds command_timeout)
        : client_(std::move(client)),
          keys_(std::move(keys)),
          timeouts_(timeouts),
          max_per_user_(max_per_user),
          command_timeout_(command_timeout) {}

    using session_store::create;

    void create(session_user user, std::int64_t auth_time, sign_in_origin origin, time_point now,
                state::callback<session> done) override {
        session s;
        // Always a fresh id, never one a client presented (session fixation, ASVS 7.2.4).
        s.id = crypto::random_token(id_bytes);
        s.user = std::move(user);
        s.auth_time = auth_time;
        s.csrf_token = crypto::random_token(csrf_bytes);
        s.created = s.last_seen = now;
        s.handle = crypto::random_token(handle_bytes);
        s.origin = std::move(origin);
        const auto created = ms_of(now);
        const auto ttl = std::min(ms_of(timeouts_.idle), ms_of(timeouts_.absolute));
        std::vector<std::string> args{std::to_string(ttl)};
        add_user_fields(args, s.user);
        for (auto field : std::initializer_list<std::pair<const char*, std::string>>{
                 {"sub", s.user.sub},
                 {"auth_time", std::to_string(auth_time)},
                 {"csrf", s.csrf_token},
                 {"created", std::to_string(created)},
                 {"last_seen", std::to_string(created)},
                 {"expires", std::to_string(created + ms_of(timeouts_.absolute))},
                 {"handle", s.handle},
                 {"device", s.origin.device},
                 {"address", s.origin.address}}) {
            args.emplace_back(field.first);
            args.push_back(std::move(field.second));
        }
        const auto deadline = clock::now() + command_timeout_;
        client_->eval(create_script(), {session_key(s.id)}, std::move(args), deadline,
                      [self = shared_from_this(), s, deadline, done](redis::result r) {
                          if (!r.ok()) {
                              log_failure("create", r);
                              return unavailable(done);
                          }
                          // 256 random bits do not repeat; were they to, nobody gets that session.
                          if (r.value.as_integer() != 1) {
                              log::error("sessions: a new session id was already taken: refused");
                              return unavailable(done);
                          }
                          self->index(s, deadline, done);
                      });
    }

    void find(std::string id, time_point now, state::callback<std::optional<session>> done) override {
        if (id.empty()) return done(state::outcome<std::optional<session>>::of(std::nullopt));
        const auto key = session_key(id);
        client_->eval(
            touch_script(), {key},
            {std::to_string(ms_of(now)), std::to_string(ms_of(timeouts_.idle)), crypto::random_token(handle_bytes)},
            clock::now() + command_timeout_, [id = std::move(id), done](redis::result r) {
                if (!r.ok()) {
                    log_failure("find", r);
                    return unavailable(done);
                }
                done(state::outcome<std::optional<session>>::of(session_of(r.value, id)));
            });
    }

    void update_user(std::string id, session_user user, state::callback<state::done> done) override {
        std::vector<std::string> args;
        add_user_fields(args, user);
        client_->eval(update_script(), {session_key(id)}, std::move(args), clock::now() + command_timeout_,
                      [done](redis::result r) {
                          if (!r.ok()) {
                              log_failure("update", r);
                              return unavailable(done);
                          }
                          done(state::outcome<state::done>::of({}));
                      });
    }

    void erase(std::string id, state::callback<state::done> done) override {
        const auto digest = redis::key_space::digest(id);
        const auto key = session_key_of_digest(digest);
        const auto deadline = clock::now() + command_timeout_;
        // The user is read from the session to find their index.
        pipeline(*client_, {{"HGET", key, "sub"}, {"DEL", key}}, deadline,
                 [self = shared_from_this(), digest, deadline, done](std::vector<redis::result> r) {
                     if (!r[1].ok()) {
                         log_failure("erase", r[1]);
                         return unavailable(done);
                     }
                     const auto sub = r[0].ok() ? r[0].value.string() : std::nullopt;
                     if (!sub) return done(state::outcome<state::done>::of({}));
                     // The session is gone: a failure here leaves only a dead
                     // entry in the index, cleared at the user's next sign-in.
                     self->client_->command({"ZREM", self->index_key(*sub), digest}, deadline,
                                            [done](redis::result) { done(state::outcome<state::done>::of({})); });
                 });
    }

    void erase_user(std::string sub, state::callback<std::size_t> done) override {
        const auto index = index_key(sub);
        const auto deadline = clock::now() + command_timeout_;
        client_->command({"ZRANGE", index, "0", "-1"}, deadline,
                         [self = shared_from_this(), index, deadline, done](redis::result r) {
                             if (!r.ok()) {
                                 log_failure("erase_user", r);
                                 return unavailable(done);
                             }
                             std::vector<std::vector<std::string>> commands;
                             std::vector<std::string> unindex{"ZREM", index};
                             for (const auto& member : r.value.elements) {
                                 const auto digest = member.string();
                                 if (!digest) continue;
                                 commands.push_back({"DEL", self->session_key_of_digest(*digest)});
                                 unindex.push_back(*digest);
                             }
                             if (commands.empty()) return done(state::outcome<std::size_t>::of(0));
                             // Unindexed after the sessions are deleted, and only those:
                             // one signing in meanwhile (on any instance) keeps its entry.
                             commands.push_back(std::move(unindex));
                             pipeline(*self->client_, std::move(commands), deadline,
                                      [done](std::vector<redis::result> results) {
                                          std::size_t ended = 0;
                                          for (std::size_t i = 0; i + 1 < results.size(); ++i) {
                                              if (!results[i].ok()) {
                                                  log_failure("erase_user", results[i]);
                                                  return unavailable(done);
                                              }
                                              if (results[i].value.as_integer() == 1) ++ended;
                                          }
                                          done(state::outcome<std::size_t>::of(ended));
                                      });
                         });
    }

    void list_user(std::string sub, time_point now, state::callback<std::vector<session_listing>> done) override {
        using answer = state::outcome<std::vector<session_listing>>;
        const auto deadline = clock::now() + command_timeout_;
        client_->command(
            {"ZRANGE", index_key(sub), "0", "-1"}, deadline,
            [self = shared_from_this(), sub, now, deadline, done](redis::result r) {
                if (!r.ok()) {
                    log_failure("list_user", r);
                    return unavailable(done);
                }
                auto digests = std::make_shared<std::vector<std::string>>();
                for (const auto& member : r.value.elements) {
                    if (const auto d = member.string()) digests->push_back(*d);
                }
                if (digests->empty()) return done(answer::of({}));
                auto pending = std::make_shared<std::vector<std::optional<redis::result>>>(digests->size());
                auto left = std::make_shared<std::atomic<std::size_t>>(digests->size());
                for (std::size_t i = 0; i < digests->size(); ++i) {
                    self->client_->eval(listing_script(), {self->session_key_of_digest((*digests)[i])},
                                        {std::to_string(ms_of(now)), sub, crypto::random_token(handle_bytes)}, deadline,
                                        [pending, left, i, done](redis::result one) {
                                            (*pending)[i] = std::move(one);
                                            if (left->fetch_sub(1) != 1) return;
                                            std::vector<session_listing> out;
                                            for (const auto& p : *pending) {
                                                if (!p->ok()) {
                                                    log_failure("list_user", *p);
                                                    return unavailable(done);
                                                }
                                                if (auto listing = listing_of(p->value))
                                                    out.push_back(std::move(*listing));
                                            }
                                            done(answer::of(std::move(out)));
                                        });
                }
            });
    }

    void erase_handle(std::string sub, std::string handle, time_point now, state::callback<bool> done) override {
        if (handle.empty()) return done(state::outcome<bool>::of(false));
        const auto index = index_key(sub);
        const auto deadline = clock::now() + command_timeout_;
        client_->command(
            {"ZRANGE", index, "0", "-1"}, deadline,
            [self = shared_from_this(), sub, handle, now, index, deadline, done](redis::result r) {
                if (!r.ok()) {
                    log_failure("erase_handle", r);
                    return unavailable(done);
                }
                auto digests = std::make_shared<std::vector<std::string>>();
                for (const auto& member : r.value.elements) {
                    if (const auto d = member.string()) digests->push_back(*d);
                }
                if (digests->empty()) return done(state::outcome<bool>::of(false));
                auto pending = std::make_shared<std::vector<std::optional<redis::result>>>(digests->size());
                auto left = std::make_shared<std::atomic<std::size_t>>(digests->size());
                for (std::size_t i = 0; i < digests->size(); ++i) {
                    self->client_->eval(erase_handle_script(), {self->session_key_of_digest((*digests)[i])},
                                        {sub, handle, std::to_string(ms_of(now))}, deadline,
                                        [self, pending, left, digests, i, index, deadline, done](redis::result one) {
                                            (*pending)[i] = std::move(one);
                                            if (left->fetch_sub(1) != 1) return;
                                            bool ended = false;
                                            std::vector<std::string> unindex{"ZREM", index};
                                            for (std::size_t k = 0; k < pending->size(); ++k) {
                                                const auto& p = *(*pending)[k];
                                                if (!p.ok()) {
                                                    log_failure("erase_handle", p);
                                                    return unavailable(done);
                                                }
                                                if (p.value.as_integer() == 1) {
                                                    ended = true;
                                                    unindex.push_back((*digests)[k]);
                                                }
                                            }
                                            if (!ended) return done(state::outcome<bool>::of(false));
                                            // Unindexed only after it is deleted (see the file comment); a
                                            // failure here leaves a dead entry, cleared at the next sign-in.
                                            self->client_->command(std::move(unindex), deadline, [done](redis::result) {
                                                done(state::outcome<bool>::of(true));
                                            });
                                        });
                }
            });
    }

private:
    // A listing from the listing script's answer; nullopt for nil or a
    // record that is not ours to read.
    static std::optional<session_listing> listing_of(const redis::reply& r) {
        if (r.type != redis::reply::kind::array || r.elements.size() != 5) return std::nullopt;
        const auto handle = r.elements[0].string();
        const auto created = r.elements[3].string();
        const auto last_seen = r.elements[4].string();
        if (!handle || !created || !last_seen) return std::nullopt;
        try {
            return session_listing{*handle,
                                   {r.elements[1].string().value_or(""), r.elements[2].string().value_or("")},
                                   time_of(std::stoll(*created)),
                                   time_of(std::stoll(*last_seen))};
        } catch (const std::exception&) {
            log::warn("sessions: a session record in redis is incomplete: ignored");
            return std::nullopt;
        }
    }

    std::string session_key_of_digest(const std::string& digest) const { return keys_.global("session:" + digest); }
    std::string session_key(std::string_view id) const { return session_key_of_digest(redis::key_space::digest(id)); }
    std::string index_key(std::string_view sub) const { return keys_.user(sub, "sessions"); }

    // The claims update_user may change (sub never does).
    static void add_user_fields(std::vector<std::string>& args, const session_user& u) {
        for (const auto& [field, value] : {std::pair<const char*, const std::string&>{"name", u.name},
                                           {"picture", u.picture},
                                           {"email", u.email},
                                           {"connection", u.connection}}) {
            args.emplace_back(field);
            args.push_back(value);
        }
    }

    // A session from the touch script's answer; nullopt for nil, or for a
    // record that is not ours to read (then it is as good as gone).
    static std::optional<session> session_of(const redis::reply& r, const std::string& id) {
        if (r.type != redis::reply::kind::array) return std::nullopt;
        std::map<std::string, std::string> fields;
        for (std::size_t i = 0; i + 1 < r.elements.size(); i += 2) {
            const auto name = r.elements[i].string();
            const auto value = r.elements[i + 1].string();
            if (name && value) fields[*name] = *value;
        }
        try {
            session s;
            s.id = id;
            s.user = {fields.at("sub"), fields["name"], fields["picture"], fields["email"], fields["connection"]};
            s.auth_time = std::stoll(fields.at("auth_time"));
            s.csrf_token = fields.at("csrf");
            s.created = time_of(std::stoll(fields.at("created")));
            s.last_seen = time_of(std::stoll(fields.at("last_seen")));
            s.handle = fields["handle"];
            s.origin = {fields["device"], fields["address"]};
            return s;
        } catch (const std::exception&) {
            log::warn("sessions: a session record in redis is incomplete: ignored");
            return std::nullopt;
        }
    }

    // The second step of create: index the session, and end the user's
    // oldest when they are over the cap.
    void index(const session& s, clock::time_point deadline, const state::callback<session>& done) {
        const auto digest = redis::key_space::digest(s.id);
        const auto created = ms_of(s.created);
        const auto absolute = ms_of(timeouts_.absolute);
        client_->eval(index_script(), {index_key(s.user.sub)},
                      {digest, std::to_string(created), std::to_string(created - absolute),
                       std::to_string(max_per_user_), std::to_string(absolute)},
                      deadline, [self = shared_from_this(), s, digest, deadline, done](redis::result r) {
                          if (!r.ok()) {
                              log_failure("index", r);
                              // Unindexed, it must not live: erase_user could not reach
                              // it. Nobody holds its id yet, so this is tidiness only.
                              self->client_->command({"DEL", self->session_key_of_digest(digest)}, deadline,
                                                     [](redis::result) {});
                              return unavailable(done);
                          }
                          const auto over = r.value.elements.size() == 2 ? r.value.elements[0].as_integer()
                                                                         : std::nullopt;
                          if (!over || *over <= 0) return done(state::outcome<session>::of(s));
                          std::vector<std::string> others;
                          for (const auto& m : r.value.elements[1].elements) {
                              if (const auto d = m.string()) others.push_back(*d);
                          }
                          self->evict(s.user.sub, std::move(others), static_cast<std::size_t>(*over), deadline,
                                      [s, done] { done(state::outcome<session>::of(s)); });
                      });
    }

    // Ends the oldest `over` live sessions among `others` (the user's other
    // sessions, oldest first). Entries whose session already expired are
    // dropped from the index and count towards `over`. The new session
    // stands whatever happens here: if a step fails, the cap is enforced at
    // the next sign-in, and nothing leaves the index before it is deleted.
    void evict(const std::string& sub, std::vector<std::string> others, std::size_t over, clock::time_point deadline,
               std::function<void()> then) {
        std::vector<std::vector<std::string>> checks;
        for (const auto& d : others) checks.push_back({"EXISTS", session_key_of_digest(d)});
        pipeline(*client_, std::move(checks), deadline,
                 [self = shared_from_this(), sub, others, over, deadline, then](std::vector<redis::result> alive) {
                     std::vector<std::string> dead, live;
                     for (std::size_t i = 0; i < others.size(); ++i) {
                         if (!alive[i].ok()) {
                             log_failure("cap check", alive[i]);
                             return then();
                         }
                         (alive[i].value.as_integer() == 0 ? dead : live).push_back(others[i]);
                     }
                     const auto ending = over > dead.size() ? std::min(over - dead.size(), live.size()) : 0;
                     std::vector<std::vector<std::string>> commands;
                     std::vector<std::string> unindex{"ZREM", self->index_key(sub)};
                     for (std::size_t i = 0; i < ending; ++i) {
                         commands.push_back({"DEL", self->session_key_of_digest(live[i])});
                         unindex.push_back(live[i]);
                     }
                     unindex.insert(unindex.end(), dead.begin(), dead.end());
                     if (unindex.size() > 2) commands.push_back(std::move(unindex));
                     pipeline(*self->client_, std::move(commands), deadline,
                              [then](std::vector<redis::result>) { then(); });
                 });
    }

    const std::shared_ptr<redis::client> client_;
    const redis::key_space keys_;
    const session_timeouts timeouts_;
    const std::size_t max_per_user_;
    const milliseconds command_timeout_;
};

}  // namespace

std::shared_ptr<session_store> make_redis_session_store(std::shared_ptr<redis::client> client, redis::key_space keys,
                                                        session_timeouts timeouts, std::size_t max_per_user,
                                                        std::chrono::milliseconds command_timeout) {
    check_timeouts(timeouts);
    if (max_per_user == 0) throw std::invalid_argument("a user must be able to hold at least one session");
    if (command_timeout.count() <= 0)
        throw std::invalid_argument("the session store's command timeout must be positive");
    if (!client) throw std::invalid_argument("the Redis session store needs a client");
    return std::make_shared<redis_session_store>(std::move(client), std::move(keys), timeouts, max_per_user,
                                                 command_timeout);
}

}  // namespace profiledesk::auth
