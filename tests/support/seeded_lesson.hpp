// A lesson's scenario for engine tests, read from lessons/ and changed by `--set` pairs as a user
// would type them.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>

#include "core/engine/scenario.hpp"
#include "core/engine/scenario_checks.hpp"
#include "core/lessons/loader.hpp"

namespace hl::test {

/// The lessons in the source tree, loaded once.
inline const LessonLibrary& lesson_library() {
  static const LessonLibrary loaded = load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  return loaded;
}

/// Lesson `id`'s scenario seeded with `seed` and edited by each KEY=VALUE pair; fails the test when
/// the lesson is missing, a key is refused, or the engine refuses the combination.
inline Scenario seeded_lesson(const char* id, std::uint64_t seed, std::initializer_list<std::pair<const char*, std::string>> settings) {
  const Lesson* lesson = find_lesson(lesson_library(), id);
  REQUIRE(lesson != nullptr);
  Scenario scenario = lesson->scenario;
  scenario.seed = seed;
  for (const auto& [key, value] : settings) REQUIRE(set_scenario_field(scenario, key, value).empty());
  REQUIRE(scenario_refusal(scenario).empty());
  return scenario;
}

}  // namespace hl::test
