// Turns a lesson id and --set overrides from the command line into the scenario it runs.
#pragma once

#include <string>
#include <vector>

#include "core/engine/scenario.hpp"

namespace hl::cli {

/// The scenario of lesson `id`; throws UsageError naming the known ids when there is none.
Scenario scenario_for_lesson(const std::string& id);

/// Applies each "KEY=VALUE" in order; throws UsageError on a missing '=' or a bad key or value.
void apply_sets(Scenario& scenario, const std::vector<std::string>& sets);

}  // namespace hl::cli
