// Turns a lesson id and --set overrides from the command line into the scenario it runs.
#pragma once

#include <string>
#include <vector>

#include "core/engine/scenario.hpp"
#include "core/lessons/lesson.hpp"

namespace hl::cli {

/// Lesson `id` as loaded from the lessons directory; throws UsageError when there is none, suggesting a near-miss id.
Lesson lesson_by_id(const std::string& id);

/// The scenario of lesson `id` (its id set), ready to run; throws as lesson_by_id() does.
Scenario scenario_for_lesson(const std::string& id);

/// Applies each "KEY=VALUE" in order; throws UsageError on a missing '=', a bad key or value, a
/// setting the lesson cannot honour (another mode, starttls on an implicit-TLS lesson, a TLS key
/// on a plaintext lesson) or a scenario that cannot run honestly (scenario_refusal()).
void apply_sets(Scenario& scenario, const std::vector<std::string>& sets);

}  // namespace hl::cli
