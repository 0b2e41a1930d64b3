// The default scenario with both sides held to one key exchange group, so the crypto and
// engine benchmarks can be compared group by group (BM_KeySchedule/p256 with BM_ScenarioRun/p256).
#pragma once

#include <string>

#include "core/engine/engine.hpp"

namespace hl::bench {

/// The default scenario, client and server offering only `group` (an OpenSSL group name).
inline Scenario scenario_with_group(const std::string& group) {
  Scenario scenario;
  scenario.groups = group;
  scenario.server_groups = group;
  return scenario;
}

}  // namespace hl::bench
