// libFuzzer target: bytes -> rampup::parse_scenario, the pipeline of `simulate validate`
// (size/encoding/nesting guards, YAML, extends, --set overrides, schema, conversion, the v2
// parameter draws) and then describe_scenario.
//
// Input: the scenario text, optionally followed by a line "#--set" and one KEY=VALUE override
// per line (at most 8), so the fuzzer also mutates --set strings. ScenarioError and
// std::runtime_error (a file named by `extends` or `parameter_draws` that cannot be read) are
// the documented outcomes; anything else escaping - another exception, a crash, a sanitizer
// report, a hang (-timeout) - is a bug.
//
// `extends` and `parameter_draws` resolve relative to the working directory (the source path is
// "fuzz.yaml"): scripts/fuzz.sh runs this in tests/fuzz/scenario_files, which holds a base
// scenario and a small calibration file for them to find.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.h"

namespace {

constexpr std::string_view SET_MARKER = "\n#--set\n";
constexpr std::size_t MAX_OVERRIDES = 8;

// Paths that block or never end when read (a FIFO, a terminal, /proc files): not the
// library's input, just the fuzzer's sandbox.
bool names_special_files(std::string_view input) {
  for (std::string_view p : {"/dev", "/proc", "/sys", "/run"}) {
    if (input.find(p) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (names_special_files(input)) return -1;  // not added to the corpus

  std::string_view text = input;
  std::vector<std::string> overrides;
  if (const std::size_t at = input.find(SET_MARKER); at != std::string_view::npos) {
    text = input.substr(0, at);
    std::string_view rest = input.substr(at + SET_MARKER.size());
    while (!rest.empty() && overrides.size() < MAX_OVERRIDES) {
      const std::size_t nl = rest.find('\n');
      overrides.emplace_back(rest.substr(0, nl));
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    }
  }

  try {
    const rampup::Scenario scenario = rampup::parse_scenario(text, "fuzz.yaml", overrides);
    const std::string overview = rampup::describe_scenario(scenario);
    if (overview.empty() || scenario.text_sha256.size() != 64) {
      std::fprintf(stderr, "scenario_fuzzer: loaded scenario with an empty overview or hash\n");
      std::abort();
    }
  } catch (const rampup::ScenarioError& e) {
    if (e.problems().empty()) {
      std::fprintf(stderr, "scenario_fuzzer: ScenarioError without problems: %s\n", e.what());
      std::abort();
    }
  } catch (const std::runtime_error&) {
    // A file named by the scenario cannot be read: documented (exit 1).
  } catch (const std::exception& e) {
    std::fprintf(stderr, "scenario_fuzzer: unexpected exception escaped: %s\n", e.what());
    std::abort();
  }
  return 0;
}
