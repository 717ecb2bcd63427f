// The root attributes of a user record that Profile Desk shows, one row each:
// the profile model's JSON, the edit policy, validation, the diff, the
// server's profile view and the app's form all read this table, so adding or
// changing an attribute happens here and nowhere else.
//
// Auth0's limits (Management API v2, PATCH /api/v2/users/{id}, request body
// UpdateUserRequestContent: https://auth0.com/docs/api/management/v2/users/patch-users-by-id):
// name and nickname 1-300 characters, given_name and family_name 1-150.
// Which of them an upstream identity provider syncs at each login:
// https://auth0.com/docs/manage-users/user-accounts/user-profiles/root-attributes
#pragma once

#include "profiledesk/core/profile.hpp"
#include "profiledesk/core/validation_problem.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::core {

// Auth0's names for the attributes, for the few places that need one by name
// (the avatar shows the picture, the form shows the email read-only). Use the
// table for everything else.
namespace root_key {
inline constexpr std::string_view name = "name";
inline constexpr std::string_view nickname = "nickname";
inline constexpr std::string_view given_name = "given_name";
inline constexpr std::string_view family_name = "family_name";
inline constexpr std::string_view picture = "picture";
inline constexpr std::string_view email = "email";
}  // namespace root_key

// What an attribute holds, which decides how a new value is checked.
enum class root_value {
    person_text,      // one line of text; blank is refused (Auth0 wants 1+ characters)
    picture_address,  // an https:// web address of an image
    sign_in_email,    // the address the person signs in with: shown, never written here
};

struct root_attribute {
    std::string_view key;                         // Auth0's attribute name, the field id in the API and the app
    std::string_view label;                       // what a person sees beside it
    std::optional<std::string> profile::*member;  // where core::profile keeps it
    root_value value;
    // An upstream identity provider (social, enterprise) overwrites it at each
    // login unless the connection says otherwise (edit_policy.hpp). These are
    // exactly the attributes a person may edit here.
    bool synced;
    // Longest accepted value in code points (0: never written here). Picture:
    // a generous bound for a URL, Auth0 documents none.
    std::size_t max_length;
    // What validation says when there is no value (null or blank); for the
    // picture also when the value is not an https:// address
    // (validation_problem.hpp has its text in English).
    std::string_view missing_code;
};

// In the order the profile view lists them on the wire (GET /api/profile `fields`).
inline constexpr std::array<root_attribute, 6> root_attributes = {{
    {root_key::name, "Full name", &profile::name, root_value::person_text, true, 300, validation_code::name_required},
    {root_key::nickname, "Nickname", &profile::nickname, root_value::person_text, true, 300,
     validation_code::nickname_required},
    {root_key::given_name, "First name", &profile::given_name, root_value::person_text, true, 150,
     validation_code::given_name_required},
    {root_key::family_name, "Last name", &profile::family_name, root_value::person_text, true, 150,
     validation_code::family_name_required},
    {root_key::picture, "Picture URL", &profile::picture, root_value::picture_address, true, 2048,
     validation_code::picture_url},
    {root_key::email, "Email", &profile::email, root_value::sign_in_email, false, 0, ""},
}};

// The row for `key` (compared exactly: "Name" is not "name"), or nullptr.
const root_attribute* find_root_attribute(std::string_view key);

// The row for a key of the table (root_key::...); asserts that it is one.
const root_attribute& root_attribute_of(std::string_view key);

}  // namespace profiledesk::core
