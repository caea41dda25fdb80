// Typed, range-checked reads.
#include "sim/scenario/field_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "sim/scenario/suggest.h"

namespace rampup::detail {

namespace {

enum class Parsed { ok, not_number, not_finite };

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// YAML 1.2 core-schema floats: 1, -2.5, .5, 1e-3, +1; .inf/.nan (any case, any sign).
Parsed parse_double(std::string_view s, double& out) {
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
  const std::string word = lower(body);
  if (word == ".inf" || word == ".nan" || word == "inf" || word == "nan" || word == "infinity") {
    return Parsed::not_finite;
  }
  if (body.empty() || !(std::isdigit(static_cast<unsigned char>(body[0])) || body[0] == '.')) {
    return Parsed::not_number;
  }
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), v);
  if (ptr != body.data() + body.size()) return Parsed::not_number;
  if (ec == std::errc::result_out_of_range || !std::isfinite(v)) return Parsed::not_finite;
  if (ec != std::errc()) return Parsed::not_number;
  out = s[0] == '-' ? -v : v;
  return Parsed::ok;
}

template <class Int>
bool parse_int(std::string_view s, Int& out) {
  if (s.size() > 1 && s[0] == '+' && s[1] != '-') s.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

std::string list_keys(KeyList valid) {
  std::string out;
  for (std::string_view k : valid) out += (out.empty() ? "" : ", ") + std::string(k);
  return out;
}

}  // namespace

void report_value(const TreeNode& node, const std::string& path, const std::string& expected,
                  Problems& problems) {
  double ignored = 0.0;
  std::string what = describe_value(node) + " is not allowed";
  if (node.is_scalar() && node.plain && parse_double(node.scalar, ignored) == Parsed::not_finite) {
    what = describe_value(node) + " is not a finite number";
  } else if (node.is_scalar() && !node.plain && parse_double(node.scalar, ignored) == Parsed::ok) {
    what = describe_value(node) + " is quoted text, not a number";
  }
  problems.add(node.where, path, what + "; expected " + expected);
}

std::optional<double> read_number(const TreeNode& node, const std::string& path, const Range& range,
                                  Problems& problems) {
  double v = 0.0;
  if (node.is_scalar() && node.plain && parse_double(node.scalar, v) == Parsed::ok &&
      range.contains(v)) {
    return v;
  }
  report_value(node, path, range.describe(), problems);
  return std::nullopt;
}

std::optional<long long> read_integer(const TreeNode& node, const std::string& path, long long lo,
                                      long long hi, const std::string& expected,
                                      Problems& problems) {
  long long v = 0;
  if (node.is_scalar() && node.plain && parse_int(node.scalar, v) && v >= lo && v <= hi) return v;
  report_value(node, path, expected, problems);
  return std::nullopt;
}

FieldReader::FieldReader(const TreeNode& node, std::string path, KeyList valid,
                         const std::string& expected, Problems& problems)
    : node_(node), path_(std::move(path)), problems_(problems), missing_at_(node.where) {
  if (!node.is_mapping()) {
    if (!node.is_null()) report_value(node, path_, expected, problems_);
    return;
  }
  for (const TreeEntry& entry : node.entries) {
    if (std::find(valid.begin(), valid.end(), entry.key) != valid.end()) continue;
    std::string message = "unknown key '" + entry.key + "'; ";
    if (const auto suggestion = closest_key(entry.key, valid)) {
      message += "did you mean '" + *suggestion + "'?";
    } else {
      message += "expected one of: " + list_keys(valid);
    }
    problems_.add(entry.key_where, path_of(entry.key), message);
  }
}

const TreeNode* FieldReader::get(std::string_view key) const {
  if (!node_.is_mapping()) return nullptr;
  const TreeEntry* entry = node_.find(key);
  return entry == nullptr ? nullptr : &entry->value;
}

const SourceLocation& FieldReader::where(std::string_view key) const {
  const TreeNode* value = get(key);
  return value == nullptr ? node_.where : value->where;
}

bool FieldReader::number(std::string_view key, double& out, const Range& range) {
  const TreeNode* value = get(key);
  if (value == nullptr) return false;
  const std::optional<double> v = read_number(*value, path_of(key), range, problems_);
  if (v) out = *v;
  return v.has_value();
}

bool FieldReader::integer(std::string_view key, long long& out, long long lo, long long hi,
                          const std::string& expected) {
  const TreeNode* value = get(key);
  if (value == nullptr) return false;
  const std::optional<long long> v =
      read_integer(*value, path_of(key), lo, hi, expected, problems_);
  if (v) out = *v;
  return v.has_value();
}

bool FieldReader::unsigned64(std::string_view key, std::uint64_t& out, std::uint64_t lo,
                             std::uint64_t hi) {
  const TreeNode* value = get(key);
  if (value == nullptr) return false;
  std::uint64_t v = 0;
  if (value->is_scalar() && value->plain && parse_int(value->scalar, v) && v >= lo && v <= hi) {
    out = v;
    return true;
  }
  report_value(*value, path_of(key),
               "an integer from " + std::to_string(lo) + " to " + std::to_string(hi), problems_);
  return false;
}

bool FieldReader::boolean(std::string_view key, bool& out) {
  const TreeNode* value = get(key);
  if (value == nullptr) return false;
  const std::string word = value->is_scalar() && value->plain ? lower(value->scalar) : "";
  if (word == "true" || word == "false") {
    out = word == "true";
    return true;
  }
  report_value(*value, path_of(key), "true or false", problems_);
  return false;
}

bool FieldReader::text(std::string_view key, std::string& out) {
  const TreeNode* value = get(key);
  if (value == nullptr) return false;
  if (value->is_scalar()) {
    out = value->scalar;
    return true;
  }
  report_value(*value, path_of(key), "text", problems_);
  return false;
}

const TreeNode* FieldReader::section(std::string_view key, const std::string& expected) {
  const TreeNode* value = get(key);
  if (value == nullptr) return nullptr;
  if (value->is_mapping() || value->is_null()) return value;
  report_value(*value, path_of(key), expected, problems_);
  return nullptr;
}

bool FieldReader::require(std::string_view key, const std::string& expected) {
  if (has(key)) return true;
  if (!node_.is_mapping() && !node_.is_null()) return false;  // its type was reported already
  problems_.add(missing_at_, path_of(key), "missing required key; expected " + expected);
  return false;
}

}  // namespace rampup::detail
