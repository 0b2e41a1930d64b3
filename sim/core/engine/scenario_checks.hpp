// Settings that parse but cannot give an honest run: refused before anything goes on the wire,
// with the reason, instead of a run that fails obscurely or quietly does something else.
#pragma once

#include <cstdint>
#include <string>

#include "core/engine/scenario.hpp"

namespace hl {

/// The earliest and latest scenario clock (Unix seconds) for which every certificate's
/// validity window is encodable as an X.509 time (1950-01-01 .. 9999-12-31T23:59:59Z) and
/// lies strictly around the clock.
struct ClockRange {
  std::int64_t earliest;
  std::int64_t latest;
};
ClockRange valid_clock_range(const CertRecipe& recipe);

/// Why this scenario cannot run honestly, in one sentence naming the setting and what would
/// work, or "" when it can: a mode its protocol lacks, an ALPN protocol the lab's peers do not
/// speak, a clock outside valid_clock_range(), or signature algorithms none of which fits the
/// server's key.
std::string scenario_refusal(const Scenario& scenario);

}  // namespace hl
