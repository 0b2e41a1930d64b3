// Turns a lesson id from the command line into the scenario it runs.
#pragma once

#include <string>

#include "core/engine/scenario.hpp"

namespace hl::cli {

/// The scenario of lesson `id`; throws UsageError naming the known ids when there is none.
Scenario scenario_for_lesson(const std::string& id);

}  // namespace hl::cli
