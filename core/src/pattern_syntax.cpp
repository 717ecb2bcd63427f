#include "profiledesk/core/pattern_syntax.hpp"

#include "profiledesk/core/text_checks.hpp"
#include "profiledesk/core/utf8.hpp"

#include <algorithm>

namespace profiledesk::core {
namespace {

// Characters a backslash may precede outside and inside a class.
constexpr std::string_view escaped_punctuation = "\\^$.|?*+()[]{}/-";
constexpr std::string_view class_escapes = "dwsnt";  // \D \W \S inside a class are refused
constexpr std::string_view escapes = "dDwWsSnt";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii(char c) { return static_cast<unsigned char>(c) < 0x80; }
bool is_quantifier_start(char c) { return c == '*' || c == '+' || c == '?' || c == '{'; }

// What a parsed piece (an atom, a group's body) holds that matters when it is repeated.
struct shape {
    bool alternatives = false;  // a '|' somewhere inside
    bool repetition = false;    // a quantifier other than a fixed count {n} somewhere inside
    bool non_ascii = false;     // the atom is a non-ASCII character (several bytes)
    unsigned counts = 1;        // the product of the nested {n,m} counts, as RE2 limits it
};

struct quantifier {
    unsigned min = 0;
    unsigned max = 0;
    bool unbounded = false;
    bool counted = false;  // written {n}, {n,} or {n,m}
    std::size_t length = 0;
};

// A recursive-descent reader of the subset (pattern_syntax.hpp): the grammar is
//   pattern     = ['^'] alternation ['$']
//   alternation = sequence {'|' sequence}
//   sequence    = piece {piece}
//   piece       = atom [quantifier ['?']]
//   atom        = character | '.' | escape | class | '(' ['?:'] alternation ')'
// Each function returns false once a problem is recorded.
class checker {
public:
    explicit checker(std::string_view p) : p_(p) {}

    std::optional<std::string> run() {
        if (p_.size() > max_pattern_length) {
            return "is longer than " + std::to_string(max_pattern_length) + " bytes";
        }
        if (!is_valid_utf8(p_)) return std::string("is not valid UTF-8");
        if (find_control_character(p_)) {
            return std::string("contains a control character; write a line break as \\n and a tab as \\t");
        }
        if (at('^')) ++i_;
        shape s;
        if (!alternation(s)) return problem_;
        if (i_ < p_.size()) return std::string("has a ')' without its '('");  // what stops the top level
        return std::nullopt;
    }

private:
    std::string_view p_;
    std::size_t i_ = 0;
    std::string problem_;

    bool fail(std::string message) {
        problem_ = std::move(message);
        return false;
    }
    bool at(char c) const { return i_ < p_.size() && p_[i_] == c; }
    bool at_end_anchor() const { return i_ + 1 == p_.size() && p_[i_] == '$'; }

    bool alternation(shape& s) {
        for (;;) {
            if (!sequence(s)) return false;
            if (!at('|')) return true;
            ++i_;
            s.alternatives = true;
        }
    }

    bool sequence(shape& s) {
        const std::size_t start = i_;
        while (i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')' && !at_end_anchor()) {
            shape a;
            if (!atom(a) || !repeat(a)) return false;
            s.alternatives = s.alternatives || a.alternatives;
            s.repetition = s.repetition || a.repetition;
            s.counts = std::max(s.counts, a.counts);
        }
        if (at_end_anchor()) ++i_;
        if (i_ == start || (i_ == start + 1 && p_[start] == '$')) {
            return fail("has an empty alternative or group (like a|, (|b) or ()); make a part optional with ? instead");
        }
        return true;
    }

    bool atom(shape& a) {
        const char c = p_[i_];
        switch (c) {
            case '(': return group(a);
            case '[': return char_class();
            case '\\': return escape();
            case '*':
            case '+':
            case '?': return fail(std::string("has a quantifier '") + c + "' with nothing before it to repeat");
            case '{': return fail("has a '{' that does not follow something to repeat; write a literal '{' as \\{");
            case '}': return fail("has an unescaped '}'; write it as \\}");
            case ']': return fail("has an unescaped ']'; write it as \\]");
            case '^':
                return fail(
                    "uses '^' inside the pattern; it may only begin it (a pattern always matches the whole value)");
            case '$':
                return fail(
                    "uses '$' inside the pattern; it may only end it (a pattern always matches the whole value)");
            default: break;
        }
        if (is_ascii(c)) {
            ++i_;
            return true;
        }
        // A non-ASCII character: its whole UTF-8 sequence (the pattern is valid UTF-8).
        ++i_;
        while (i_ < p_.size() && (static_cast<unsigned char>(p_[i_]) & 0xC0) == 0x80) ++i_;
        a.non_ascii = true;
        return true;
    }

    bool group(shape& a) {
        ++i_;  // '('
        if (at('?')) {
            const char kind = i_ + 1 < p_.size() ? p_[i_ + 1] : '\0';
            const char after = i_ + 2 < p_.size() ? p_[i_ + 2] : '\0';
            if (kind == ':') {
                i_ += 2;
            } else if (kind == '=' || kind == '!') {
                return fail("uses a lookahead (?= or (?!, which is not supported");
            } else if (kind == '<' && (after == '=' || after == '!')) {
                return fail("uses a lookbehind (?<= or (?<!, which is not supported");
            } else if (kind == '<' || kind == 'P' || kind == '\'') {
                return fail("uses a named group (?<name>...), which is not supported; use (...) or (?:...)");
            } else {
                return fail("uses (?" + std::string(is_ascii(kind) && kind >= ' ' ? std::string(1, kind) : "") +
                            "...), which is not supported: only (...) and (?:...) groups are (no flags like (?i))");
            }
        }
        if (!alternation(a)) return false;
        if (!at(')')) return fail("has a '(' without its ')'");
        ++i_;
        return true;
    }

    bool escape() {
        ++i_;  // '\'
        if (i_ >= p_.size()) return fail("ends with a lone '\\'");
        const char c = p_[i_];
        if (escapes.find(c) != std::string_view::npos || escaped_punctuation.find(c) != std::string_view::npos) {
            ++i_;
            return true;
        }
        return fail(escape_problem(c));
    }

    static std::string escape_problem(char c) {
        if (is_digit(c)) return std::string("uses a back-reference (\\") + c + "), which is not supported";
        if (c == 'k') return "uses a named back-reference (\\k<name>), which is not supported";
        if (c == 'b' || c == 'B') return std::string("uses \\") + c + " (a word boundary), which is not supported";
        const std::string shown = is_ascii(c) && c > ' ' ? std::string("\\") + c
                                                         : std::string("a backslash before this character");
        return "uses " + shown +
               ", which is not supported; the escapes are \\d \\D \\w \\W \\s \\S \\n \\t and a backslash "
               "before punctuation, like \\. or \\(";
    }

    bool char_class() {
        ++i_;  // '['
        if (at('^')) ++i_;
        if (at(']')) return fail("starts a character class with ']'; escape it as \\]");
        bool first = true;
        for (;; first = false) {
            if (i_ >= p_.size()) return fail("has a '[' without its ']'");
            const char c = p_[i_];
            const bool last = i_ + 1 < p_.size() && p_[i_ + 1] == ']';
            if (c == ']') {
                ++i_;
                return true;
            }
            if (c == '[') {
                return fail(
                    "has a '[' inside a character class (POSIX classes like [:alpha:] are not supported); "
                    "write a literal '[' as \\[");
            }
            if (!is_ascii(c)) {
                return fail(
                    "has a non-ASCII character in a character class, where it would stand for its "
                    "bytes one by one; write alternatives instead, like (?:é|è)");
            }
            if (c == '\\') {
                ++i_;
                if (i_ >= p_.size()) return fail("ends with a lone '\\'");
                const char e = p_[i_];
                if (e == 'D' || e == 'W' || e == 'S') {
                    return fail(std::string("uses \\") + e +
                                " inside a character class; write a negated class "
                                "instead, like [^\\d]");
                }
                if (class_escapes.find(e) == std::string_view::npos &&
                    escaped_punctuation.find(e) == std::string_view::npos) {
                    return fail(escape_problem(e));
                }
                ++i_;
                if (at('-') && !(i_ + 1 < p_.size() && p_[i_ + 1] == ']')) return fail(misplaced_dash());
                continue;
            }
            if (c == '-') {
                if (i_ + 1 >= p_.size()) return fail("has a '[' without its ']'");
                if (!first && !last) return fail(misplaced_dash());
                ++i_;
                continue;
            }
            // A plain character, perhaps the start of a range.
            if (i_ + 2 < p_.size() && p_[i_ + 1] == '-' && p_[i_ + 2] != ']') {
                const char high = p_[i_ + 2];
                if (high == '\\' || high == '[' || high == '-' || !is_ascii(high)) return fail(misplaced_dash());
                if (static_cast<unsigned char>(high) < static_cast<unsigned char>(c)) {
                    return fail("has a character range out of order (like [z-a])");
                }
                i_ += 3;
                continue;
            }
            ++i_;
        }
    }

    static std::string misplaced_dash() {
        return "has a '-' in a character class that is not a range between two plain characters (like a-z); "
               "put a literal '-' first or last in the class, or write \\-";
    }

    // Reads a quantifier at i_, if any. False (with a problem) for a '{' that
    // is not a well-formed count.
    bool read_quantifier(quantifier& q) {
        if (i_ >= p_.size()) return true;
        switch (p_[i_]) {
            case '*': q = {0, 0, true, false, 1}; return true;
            case '+': q = {1, 0, true, false, 1}; return true;
            case '?': q = {0, 1, false, false, 1}; return true;
            case '{': break;
            default: return true;
        }
        std::size_t j = i_ + 1;
        const auto number = [&](unsigned& out) {
            const std::size_t start = j;
            unsigned long n = 0;
            for (; j < p_.size() && is_digit(p_[j]); ++j) {
                n = std::min(n * 10 + static_cast<unsigned long>(p_[j] - '0'), 100000UL);
            }
            out = static_cast<unsigned>(n);
            return j > start;
        };
        const auto malformed = [&] {
            return fail("has a '{' that is not a repetition count like {2}, {2,} or {2,5}; write a literal '{' as \\{");
        };
        q.counted = true;
        if (!number(q.min)) return malformed();
        q.max = q.min;
        if (j < p_.size() && p_[j] == ',') {
            ++j;
            if (!number(q.max)) q.unbounded = true;
        }
        if (j >= p_.size() || p_[j] != '}') return malformed();
        q.length = j + 1 - i_;
        if (q.min > max_repeat_count || (!q.unbounded && q.max > max_repeat_count)) {
            return fail("repeats something more than " + std::to_string(max_repeat_count) + " times");
        }
        if (!q.unbounded && q.max < q.min) return fail("has a repetition count out of order (like {3,2})");
        return true;
    }

    // The quantifier after atom `a`, if any, and what it makes of `a`.
    bool repeat(shape& a) {
        quantifier q;
        if (!read_quantifier(q)) return false;
        if (q.length == 0) return true;
        if (a.non_ascii) {
            return fail(
                "has a quantifier right after a non-ASCII character, which would repeat only its last "
                "byte; put the character in a group, like (?:é)+");
        }
        i_ += q.length;
        if (at('?')) ++i_;  // lazy: the same set of whole-value matches
        if (i_ < p_.size() && is_quantifier_start(p_[i_])) {
            return fail("has a quantifier right after another (like a** or x{2}{3})");
        }
        if (q.unbounded || q.max > 1) {
            if (a.repetition) {
                return fail(
                    "repeats a group that itself repeats or has an optional part (like (a+)+ or (a?b)*), "
                    "which can take exponential time; rewrite it without nested repetition");
            }
            if (a.alternatives) {
                return fail(
                    "repeats a group that holds alternatives (like (a|aa)*), which can take exponential "
                    "time; use a character class instead, like [ab]* for (a|b)*");
            }
        }
        if (q.counted) {
            const unsigned count = q.unbounded ? q.min : q.max;  // what RE2 counts
            if (count > 0) a.counts *= count;                    // both factors are at most 1000: no overflow
            if (a.counts > max_repeat_count) {
                return fail("repeats something more than " + std::to_string(max_repeat_count) +
                            " times in all (the counts of nested groups multiply, like (a{50}){50})");
            }
        }
        if (q.unbounded || q.min != q.max) a.repetition = true;
        return true;
    }
};

}  // namespace

std::optional<std::string> pattern_problem(std::string_view pattern) { return checker(pattern).run(); }

}  // namespace profiledesk::core
