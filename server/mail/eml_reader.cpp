#include "mail/eml_reader.hpp"

#include "profiledesk/core/base64.hpp"

#include <cctype>

namespace profiledesk::mail {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

struct split_message {
    std::string_view head, body;
};

split_message split(std::string_view data) {
    const auto end = data.find("\r\n\r\n");
    if (end == std::string_view::npos) return {data, {}};
    return {data.substr(0, end + 2), data.substr(end + 4)};
}

// The value of header `name` in `head`, unfolded (CRLF + blank removed).
std::string header(std::string_view head, std::string_view name) {
    const std::string wanted = lower(name) + ":";
    std::size_t pos = 0;
    while (pos < head.size()) {
        auto eol = head.find("\r\n", pos);
        if (eol == std::string_view::npos) eol = head.size();
        if (lower(head.substr(pos, wanted.size())) == wanted) {
            std::string value(head.substr(pos + wanted.size(), eol - pos - wanted.size()));
            // Folded lines start with a blank (RFC 5322 2.2.3).
            while (eol + 2 < head.size() && (head[eol + 2] == ' ' || head[eol + 2] == '\t')) {
                const auto start = eol + 2;
                eol = head.find("\r\n", start);
                if (eol == std::string_view::npos) eol = head.size();
                value += head.substr(start, eol - start);
            }
            const auto first = value.find_first_not_of(" \t");
            return first == std::string::npos ? std::string() : value.substr(first);
        }
        pos = eol + 2;
    }
    return {};
}

std::string without_crlf(std::string_view s) {
    std::string out;
    for (const char c : s)
        if (c != '\r' && c != '\n') out += c;
    return out;
}

// =?UTF-8?B?...?= words decoded; the blanks between two words dropped (RFC 2047 6.2).
std::string decode_words(const std::string& value) {
    std::string out, pending_blanks;
    std::size_t pos = 0;
    bool after_word = false;
    while (pos < value.size()) {
        if (value.compare(pos, 10, "=?UTF-8?B?") == 0 || value.compare(pos, 10, "=?utf-8?b?") == 0) {
            const auto end = value.find("?=", pos + 10);
            const auto decoded = end == std::string::npos ? std::nullopt
                                                          : core::base64_decode(value.substr(pos + 10, end - pos - 10));
            if (decoded) {
                if (!after_word) out += pending_blanks;
                pending_blanks.clear();
                out += *decoded;
                pos = end + 2;
                after_word = true;
                continue;
            }
        }
        if (value[pos] == ' ' || value[pos] == '\t') {
            pending_blanks += value[pos++];
            continue;
        }
        out += pending_blanks;
        pending_blanks.clear();
        out += value[pos++];
        after_word = false;
    }
    return out + pending_blanks;
}

std::string body_text(std::string_view head, std::string_view body) {
    std::string text;
    if (lower(header(head, "Content-Transfer-Encoding")) == "base64") {
        text = core::base64_decode(without_crlf(body)).value_or("");
    } else {
        text = std::string(body);
    }
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        out += text[i];
    }
    return out;
}

}  // namespace

eml_summary read_eml(std::string_view data) {
    eml_summary s;
    const auto [head, body] = split(data);
    s.to = header(head, "To");
    s.subject = decode_words(header(head, "Subject"));
    s.date = header(head, "Date");
    const auto type = header(head, "Content-Type");
    const auto b = type.find("boundary=\"");
    if (lower(type).rfind("multipart/", 0) != 0 || b == std::string::npos) {
        s.text = body_text(head, body);
        return s;
    }
    const auto close = type.find('"', b + 10);
    const std::string delimiter = "--" + type.substr(b + 10, close == std::string::npos ? 0 : close - b - 10) + "\r\n";
    for (auto pos = body.find(delimiter); pos != std::string_view::npos;) {
        const auto start = pos + delimiter.size();
        const auto next = body.find("\r\n--", start);
        const auto part = body.substr(start, next == std::string_view::npos ? body.npos : next + 2 - start);
        const auto [part_head, part_body] = split(part);
        if (lower(header(part_head, "Content-Type")).rfind("text/plain", 0) == 0) {
            s.text = body_text(part_head, part_body);
            break;
        }
        pos = next == std::string_view::npos ? next : body.find(delimiter, next + 2);
    }
    return s;
}

std::vector<std::string> links_in(std::string_view text) {
    std::vector<std::string> links;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto http = text.find("http", pos);
        if (http == std::string_view::npos) break;
        const auto rest = text.substr(http);
        const std::size_t scheme = rest.rfind("https://", 0) == 0 ? 8 : rest.rfind("http://", 0) == 0 ? 7 : 0;
        if (scheme == 0) {
            pos = http + 4;
            continue;
        }
        std::size_t end = scheme;
        while (end < rest.size()) {
            const auto c = static_cast<unsigned char>(rest[end]);
            if (c <= 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>') break;
            ++end;
        }
        if (end > scheme) links.emplace_back(rest.substr(0, end));
        pos = http + end;
    }
    return links;
}

}  // namespace profiledesk::mail
