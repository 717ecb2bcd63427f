// Numbers as people and JSON readers see them: a whole number without a
// fraction ("10", not "10.0" or "1e+01"), anything else in JSON's shortest
// form. One rule for the schema's bounds, validation's messages and the app's
// number fields, so a bound reads the same in the schema, the message and the
// form.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace profiledesk::core {

// Whole numbers are written as integers only below 2^53 in magnitude: up to
// there every integer is exactly a double, so the integer says exactly what
// the double holds, and a JavaScript reader gets the same number back. Past
// it, neighbouring integers share one double and the exponent form is honest.
inline constexpr double max_exact_whole_number = 9007199254740992.0;  // 2^53

// `d` as an integer when it is whole and |d| < 2^53; nullopt otherwise
// (fractions, larger magnitudes, infinities and NaN).
std::optional<std::int64_t> exact_whole_number(double d);

// "10" for 10.0, "-3", "2.5", "1e+300": an integer when exact_whole_number
// gives one, else JSON's text for the double.
std::string number_to_text(double d);

// 10 rather than 10.0 in JSON when the number is whole (as number_to_text).
nlohmann::json number_to_json(double d);

}  // namespace profiledesk::core
