#include "metrics/exposition.hpp"

#include <charconv>
#include <cmath>

namespace profiledesk::metrics {

namespace {

bool name_char(char c, bool first, bool colon) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
    return letter || (!first && c >= '0' && c <= '9');
}

void append_labels(std::string& out, const std::vector<label>& labels, const char* le = nullptr) {
    if (labels.empty() && !le) return;
    out += '{';
    bool first = true;
    for (const auto& l : labels) {
        if (!first) out += ',';
        first = false;
        out += l.name;
        out += "=\"";
        out += escape_label_value(l.value);
        out += '"';
    }
    if (le) {
        if (!first) out += ',';
        out += "le=\"";
        out += le;
        out += '"';
    }
    out += '}';
}

void append_sample(std::string& out, std::string_view name, std::string_view suffix, const std::vector<label>& labels,
                   const std::string& value, const char* le = nullptr) {
    out += name;
    out += suffix;
    append_labels(out, labels, le);
    out += ' ';
    out += value;
    out += '\n';
}

const char* type_name(metric_type t) {
    switch (t) {
        case metric_type::counter: return "counter";
        case metric_type::gauge: return "gauge";
        case metric_type::histogram: return "histogram";
    }
    return "untyped";
}

}  // namespace

std::string escape_help(std::string_view help) {
    std::string out;
    out.reserve(help.size());
    for (const char c : help) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string escape_label_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string format_value(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char buffer[32];  // the shortest round-trip form of a double needs at most 24
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    if (ec != std::errc()) return "NaN";
    return std::string(buffer, end);
}

bool is_metric_name(std::string_view name) {
    if (name.empty()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (!name_char(name[i], i == 0, true)) return false;
    }
    return true;
}

bool is_label_name(std::string_view name) {
    if (name.empty() || name.substr(0, 2) == "__") return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (!name_char(name[i], i == 0, false)) return false;
    }
    return true;
}

std::string format_text(const std::vector<family_snapshot>& families) {
    std::string out;
    for (const auto& f : families) {
        if (f.samples.empty()) continue;
        out += "# HELP " + f.name + ' ' + escape_help(f.help) + '\n';
        out += "# TYPE " + f.name + ' ' + type_name(f.type) + '\n';
        for (const auto& s : f.samples) {
            if (f.type != metric_type::histogram) {
                append_sample(out, f.name, "", s.labels, format_value(s.value));
                continue;
            }
            std::uint64_t count = 0;
            for (const auto& b : s.buckets) {
                append_sample(out, f.name, "_bucket", s.labels, std::to_string(b.cumulative_count),
                              format_value(b.upper_bound).c_str());
                count = b.cumulative_count;
            }
            append_sample(out, f.name, "_sum", s.labels, format_value(s.sum));
            append_sample(out, f.name, "_count", s.labels, std::to_string(count));
        }
    }
    return out;
}

}  // namespace profiledesk::metrics
