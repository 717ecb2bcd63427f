#include "mgmt/redis_record_cache.hpp"

namespace profiledesk::mgmt {

using nlohmann::json;

namespace {

// How long a user's generation is kept after its last write: far longer than
// any call's deadline, since a read still in flight when the counter expired
// would find "0" again and could cache what it saw before the write.
constexpr const char* generation_ms = "86400000";  // 24 h

// KEYS record, gen. Answers {record or nil, generation}.
const redis::script get_script(R"lua(
return {redis.call('GET', KEYS[1]), redis.call('GET', KEYS[2]) or '0'}
)lua");

// KEYS record, gen; ARGV record, generation, ttl ms.
const redis::script put_read_script(R"lua(
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1
)lua");

// KEYS record, gen; ARGV generation ms.
const redis::script begin_write_script(R"lua(
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[1])
return 1
)lua");

// KEYS record, gen; ARGV generation ms, record ('' to drop), its updated_at, ttl ms.
// Of two writes' answers arriving out of order, the later write's record
// stays (updated_at: ISO 8601 UTC strings, which sort in time order).
const redis::script end_write_script(R"lua(
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) return 0 end
local current = redis.call('GET', KEYS[1])
if current and ARGV[3] ~= '' then
  local ok, old = pcall(cjson.decode, current)
  if ok and type(old) == 'table' and type(old.updated_at) == 'string' and ARGV[3] < old.updated_at then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[4])
return 1
)lua");

void answer_done(const state::callback<state::done>& done, const redis::result& r) {
    if (done) done(r.ok() ? state::outcome<state::done>::of({}) : state::outcome<state::done>::unavailable());
}

std::string updated_at(const json& user) {
    const auto it = user.find("updated_at");
    return it != user.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

redis_record_cache::redis_record_cache(std::shared_ptr<redis::client> redis, redis::key_space keys,
                                       std::chrono::milliseconds ttl)
    : redis_(std::move(redis)), keys_(std::move(keys)), ttl_ms_(std::to_string(ttl.count())) {}

void redis_record_cache::get(const std::string& user_id, clock::time_point deadline, state::callback<lookup> done) {
    redis_->eval(get_script, {keys_.user(user_id, "record"), keys_.user(user_id, "record:gen")}, {}, deadline,
                 [done = std::move(done)](redis::result r) {
                     if (!r.ok() || r.value.elements.size() != 2) return done(state::outcome<lookup>::unavailable());
                     lookup l;
                     l.generation = r.value.elements[1].string().value_or("0");
                     if (const auto text = r.value.elements[0].string()) {
                         auto record = json::parse(*text, nullptr, false);
                         // Only this class writes the key: anything else is not served.
                         if (record.is_object()) l.record = std::move(record);
                     }
                     done(state::outcome<lookup>::of(std::move(l)));
                 });
}

void redis_record_cache::put_read(const std::string& user_id, const json& record, const std::string& generation,
                                  clock::time_point deadline, state::callback<state::done> done) {
    redis_->eval(put_read_script, {keys_.user(user_id, "record"), keys_.user(user_id, "record:gen")},
                 {record.dump(), generation, ttl_ms_}, deadline,
                 [done = std::move(done)](redis::result r) { answer_done(done, r); });
}

void redis_record_cache::begin_write(const std::string& user_id, clock::time_point deadline,
                                     state::callback<state::done> done) {
    redis_->eval(begin_write_script, {keys_.user(user_id, "record"), keys_.user(user_id, "record:gen")},
                 {generation_ms}, deadline, [done = std::move(done)](redis::result r) { answer_done(done, r); });
}

void redis_record_cache::end_write(const std::string& user_id, const json* answer, clock::time_point deadline,
                                   state::callback<state::done> done) {
    std::vector<std::string> args{generation_ms, answer ? answer->dump() : std::string(),
                                  answer ? updated_at(*answer) : std::string(), ttl_ms_};
    redis_->eval(end_write_script, {keys_.user(user_id, "record"), keys_.user(user_id, "record:gen")}, std::move(args),
                 deadline, [done = std::move(done)](redis::result r) { answer_done(done, r); });
}

}  // namespace profiledesk::mgmt
