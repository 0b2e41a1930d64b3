// The default scenario with both sides held to one key exchange group, so the crypto and
// engine benchmarks can be compared group by group (BM_KeySchedule/p256 with BM_ScenarioRun/p256).
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include "core/engine/engine.hpp"

namespace hl::bench {

/// The default scenario, client and server offering only `group` (an OpenSSL group name).
inline Scenario scenario_with_group(const std::string& group) {
  Scenario scenario;
  scenario.groups = group;
  scenario.server_groups = group;
  return scenario;
}

/// The default scenario with each `--set`-style setting applied; throws on one it refuses.
inline Scenario scenario_with(std::initializer_list<std::pair<const char*, const char*>> settings) {
  Scenario scenario;
  for (const auto& [key, value] : settings)
    if (std::string error = set_scenario_field(scenario, key, value); !error.empty()) throw std::invalid_argument(error);
  return scenario;
}

}  // namespace hl::bench
