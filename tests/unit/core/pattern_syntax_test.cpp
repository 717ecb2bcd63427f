// Prints std::optional values in failure messages.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include "profiledesk/core/pattern_syntax.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace profiledesk::core;

namespace {

// The problem pattern_problem finds, or "" when it accepts `p`.
std::string problem(const std::string& p) { return pattern_problem(p).value_or(""); }

}  // namespace

TEST_CASE("pattern_problem: the shared subset is accepted", "[pattern_syntax]") {
    for (const char* ok : {
             "abc",
             "a b",
             "UTC|[A-Z][A-Za-z]+/[A-Za-z0-9_+\\-]+(/[A-Za-z0-9_+\\-]+)?",  // the default timezone
             ".",
             ".*",
             "a.c",
             "\\.\\^\\$\\|\\?\\*\\+\\(\\)\\[\\]\\{\\}\\/\\-\\\\",  // every escaped punctuation mark
             "\\d\\D\\w\\W\\s\\S",
             "\\n",
             "a\\tb",
             "[abc]",
             "[a-z]",
             "[^a-z]",
             "[A-Za-z0-9_]",
             "[-a]",
             "[a-]",
             "[^-]",
             "[\\-a]",
             "[\\]a]",
             "[\\[]",
             "[\\d\\w\\s]",
             "[\\d-]",
             "[\\n\\t]",
             "[a^]",
             "[*+?(){}|.$/]",
             "[!-~]",
             "(ab)",
             "(?:ab)",
             "a|b",
             "(a|b)c",
             "((a)(b))",
             "a?",
             "a*",
             "a+",
             "a{2}",
             "a{2,}",
             "a{2,5}",
             "a{0}",
             "a{1000}",
             "a{0,1000}",
             "a*?",
             "a+?",
             "a??",
             "a{2,5}?",
             "^abc",
             "abc$",
             "^abc$",
             "\\^a\\$",
             "caf\xC3\xA9",
             "(?:\xC3\xA9)+",
             "\xE4\xB8\xAD\xE6\x96\x87",
             "(ab)*",
             "(?:a\\d)+",
             "(abc){3}",
             "(a+){1}",
             "(/[a-z]+)?",
             "(a|b)?",
             "(a{2})*",
             "(a+)(b+)",
             "(a{10}){100}",
         }) {
        CAPTURE(ok);
        CHECK(problem(ok).empty());
    }
}

TEST_CASE("pattern_problem: classic exponential-time shapes are refused", "[pattern_syntax]") {
    // Each makes a backtracking engine (std::regex) try exponentially many
    // ways on a non-matching value such as "aaaa...a!".
    SECTION("overlapping alternatives under a repetition") {
        for (const char* bad : {"(a|a)*b", "(a|aa)*b", "(?:a|a)+", "(a|b)*", "((a|b)c)*", "(a|a){2,}", "(a|ab){5}"}) {
            CAPTURE(bad);
            CHECK(problem(bad) ==
                  "repeats a group that holds alternatives (like (a|aa)*), which can take exponential time; use a "
                  "character class instead, like [ab]* for (a|b)*");
        }
    }
    SECTION("a repetition or an optional part under a repetition") {
        for (const char* bad : {"(a+)+b", "(a*)*b", "([a-z]+\\.)*[a-z]+", "(a{2,})+", "((a+)b)*", "(?:x+y)+", "(a+){2}",
                                "(a|b+)*", "(a?a?)*", "(\\w+\\s?)*", "(.*a){12}", "(a{1,2}){3}"}) {
            CAPTURE(bad);
            CHECK(problem(bad) ==
                  "repeats a group that itself repeats or has an optional part (like (a+)+ or (a?b)*), which can "
                  "take exponential time; rewrite it without nested repetition");
        }
    }
}

TEST_CASE("pattern_problem: constructs outside the subset are named", "[pattern_syntax]") {
    const std::vector<std::pair<const char*, const char*>> cases = {
        {"(a)\\1", "uses a back-reference (\\1), which is not supported"},
        {"\\0", "uses a back-reference (\\0), which is not supported"},
        {"(?<n>a)\\k<n>", "uses a named group (?<name>...), which is not supported; use (...) or (?:...)"},
        {"\\k<n>", "uses a named back-reference (\\k<name>), which is not supported"},
        {"(?P<n>a)", "uses a named group (?<name>...), which is not supported; use (...) or (?:...)"},
        {"(?=a)a", "uses a lookahead (?= or (?!, which is not supported"},
        {"(?!a)b", "uses a lookahead (?= or (?!, which is not supported"},
        {"(?<=a)b", "uses a lookbehind (?<= or (?<!, which is not supported"},
        {"(?<!a)b", "uses a lookbehind (?<= or (?<!, which is not supported"},
        {"(?i)abc", "uses (?i...), which is not supported: only (...) and (?:...) groups are (no flags like (?i))"},
        {"\\bword\\b", "uses \\b (a word boundary), which is not supported"},
        {"a\\B", "uses \\B (a word boundary), which is not supported"},
        {"\\x41",
         "uses \\x, which is not supported; the escapes are \\d \\D \\w \\W \\s \\S \\n \\t and a "
         "backslash before punctuation, like \\. or \\("},
        {"\\u00e9",
         "uses \\u, which is not supported; the escapes are \\d \\D \\w \\W \\s \\S \\n \\t and a "
         "backslash before punctuation, like \\. or \\("},
        {"\\p{L}",
         "uses \\p, which is not supported; the escapes are \\d \\D \\w \\W \\s \\S \\n \\t and a "
         "backslash before punctuation, like \\. or \\("},
        {"\\r",
         "uses \\r, which is not supported; the escapes are \\d \\D \\w \\W \\s \\S \\n \\t and a "
         "backslash before punctuation, like \\. or \\("},
        {"a\\", "ends with a lone '\\'"},
        {"[[:alpha:]]",
         "has a '[' inside a character class (POSIX classes like [:alpha:] are not supported); "
         "write a literal '[' as \\["},
        {"[]a]", "starts a character class with ']'; escape it as \\]"},
        {"[^]a]", "starts a character class with ']'; escape it as \\]"},
        {"[]", "starts a character class with ']'; escape it as \\]"},
        {"[abc", "has a '[' without its ']'"},
        {"[a-", "has a '[' without its ']'"},
        {"[z-a]", "has a character range out of order (like [z-a])"},
        {"[a-c-e]",
         "has a '-' in a character class that is not a range between two plain characters (like "
         "a-z); put a literal '-' first or last in the class, or write \\-"},
        {"[\\d-z]",
         "has a '-' in a character class that is not a range between two plain characters (like "
         "a-z); put a literal '-' first or last in the class, or write \\-"},
        {"[a-\\d]",
         "has a '-' in a character class that is not a range between two plain characters (like "
         "a-z); put a literal '-' first or last in the class, or write \\-"},
        {"[\\D]", "uses \\D inside a character class; write a negated class instead, like [^\\d]"},
        {"[\xC3\xA9]",
         "has a non-ASCII character in a character class, where it would stand for its bytes one "
         "by one; write alternatives instead, like (?:\xC3\xA9|\xC3\xA8)"},
        {"\xC3\xA9+",
         "has a quantifier right after a non-ASCII character, which would repeat only its last "
         "byte; put the character in a group, like (?:\xC3\xA9)+"},
        {"a]", "has an unescaped ']'; write it as \\]"},
        {"a}", "has an unescaped '}'; write it as \\}"},
        {"a{", "has a '{' that is not a repetition count like {2}, {2,} or {2,5}; write a literal '{' as \\{"},
        {"a{,3}", "has a '{' that is not a repetition count like {2}, {2,} or {2,5}; write a literal '{' as \\{"},
        {"a{x}", "has a '{' that is not a repetition count like {2}, {2,} or {2,5}; write a literal '{' as \\{"},
        {"{2}", "has a '{' that does not follow something to repeat; write a literal '{' as \\{"},
        {"a{3,2}", "has a repetition count out of order (like {3,2})"},
        {"a{1001}", "repeats something more than 1000 times"},
        {"a{1,1001}", "repeats something more than 1000 times"},
        {"a{99999999999}", "repeats something more than 1000 times"},
        {"(a{50}){50}",
         "repeats something more than 1000 times in all (the counts of nested groups multiply, "
         "like (a{50}){50})"},
        {"*a", "has a quantifier '*' with nothing before it to repeat"},
        {"a|+b", "has a quantifier '+' with nothing before it to repeat"},
        {"(?b)", "uses (?b...), which is not supported: only (...) and (?:...) groups are (no flags like (?i))"},
        {"a**", "has a quantifier right after another (like a** or x{2}{3})"},
        {"a+*", "has a quantifier right after another (like a** or x{2}{3})"},
        {"x{2}{3}", "has a quantifier right after another (like a** or x{2}{3})"},
        {"a*??", "has a quantifier right after another (like a** or x{2}{3})"},
        {"a++", "has a quantifier right after another (like a** or x{2}{3})"},
        {"a^b", "uses '^' inside the pattern; it may only begin it (a pattern always matches the whole value)"},
        {"(^a)", "uses '^' inside the pattern; it may only begin it (a pattern always matches the whole value)"},
        {"a$b", "uses '$' inside the pattern; it may only end it (a pattern always matches the whole value)"},
        {"(a$)", "uses '$' inside the pattern; it may only end it (a pattern always matches the whole value)"},
        {"a|", "has an empty alternative or group (like a|, (|b) or ()); make a part optional with ? instead"},
        {"(|b)", "has an empty alternative or group (like a|, (|b) or ()); make a part optional with ? instead"},
        {"a()", "has an empty alternative or group (like a|, (|b) or ()); make a part optional with ? instead"},
        {"a|$", "has an empty alternative or group (like a|, (|b) or ()); make a part optional with ? instead"},
        {"^$", "has an empty alternative or group (like a|, (|b) or ()); make a part optional with ? instead"},
        {"(a", "has a '(' without its ')'"},
        {"a)", "has a ')' without its '('"},
        {"a\nb", "contains a control character; write a line break as \\n and a tab as \\t"},
        {"\xC3(", "is not valid UTF-8"},
    };
    for (const auto& [pattern, expected] : cases) {
        CAPTURE(pattern);
        CHECK(problem(pattern) == expected);
    }
    SECTION("length") {
        CHECK(problem(std::string(max_pattern_length, 'a')).empty());
        CHECK(problem(std::string(max_pattern_length + 1, 'a')) == "is longer than 1000 bytes");
    }
}
