// Internal to sim/scenario. Typed, range-checked reads of the keys of one mapping. Every read
// that finds a problem adds it (with the bad value and what is allowed) and leaves the target
// unchanged, so reading goes on and all problems are collected.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/scenario/problems.h"
#include "sim/scenario/schema.h"
#include "sim/scenario/tree.h"

namespace rampup::detail {

// Checks of single values, for list items and plan entries as much as for keys.
std::optional<double> read_number(const TreeNode& node, const std::string& path, const Range& range,
                                  Problems& problems);
std::optional<long long> read_integer(const TreeNode& node, const std::string& path, long long lo,
                                      long long hi, const std::string& expected,
                                      Problems& problems);
// "VALUE is not allowed; expected EXPECTED" (or "is not a finite number", "is quoted text").
void report_value(const TreeNode& node, const std::string& path, const std::string& expected,
                  Problems& problems);

class FieldReader {
 public:
  // `node` should be a mapping (null reads as empty; anything else is reported as not being
  // `expected` and reads as empty). Keys not in `valid` are reported with the closest valid key.
  FieldReader(const TreeNode& node, std::string path, KeyList valid, const std::string& expected,
              Problems& problems);

  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const { return join_path(path_, key); }
  const TreeNode* get(std::string_view key) const;  // nullptr when absent
  bool has(std::string_view key) const { return get(key) != nullptr; }
  // Where the key's value is, or where the mapping is when the key is absent.
  const SourceLocation& where(std::string_view key) const;

  // Each returns true when the key is present and its value valid (then `out` is set).
  bool number(std::string_view key, double& out, const Range& range);
  bool integer(std::string_view key, long long& out, long long lo, long long hi,
               const std::string& expected);
  bool unsigned64(std::string_view key, std::uint64_t& out, std::uint64_t lo, std::uint64_t hi);
  bool boolean(std::string_view key, bool& out);
  bool text(std::string_view key, std::string& out);
  template <class T, std::size_t N>
  void numbers(const NumberField<T> (&fields)[N], T& out) {
    for (const NumberField<T>& f : fields) number(f.key, out.*f.field, f.range);
  }
  // The key's value if it is a mapping or empty (null), else reports it and returns nullptr.
  const TreeNode* section(std::string_view key, const std::string& expected);
  // Reports a missing required key (when absent): "missing required key; expected EXPECTED".
  bool require(std::string_view key, const std::string& expected);

  // Where missing keys are reported (default: the mapping itself), e.g. at its parent key.
  void locate_missing_at(const SourceLocation& where) { missing_at_ = where; }

  Problems& problems() { return problems_; }

 private:
  const TreeNode& node_;
  std::string path_;
  Problems& problems_;
  SourceLocation missing_at_;
};

}  // namespace rampup::detail
