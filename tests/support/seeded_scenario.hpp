// Scenarios for engine tests, built from `--set` pairs as a user would type them.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>

#include "core/engine/scenario.hpp"
#include "core/engine/scenario_checks.hpp"

namespace hl::test {

/// The default scenario seeded with `seed` and edited by each KEY=VALUE pair; fails the test when a
/// key is refused or the combination is one the engine refuses to run.
inline Scenario seeded_scenario(std::uint64_t seed, std::initializer_list<std::pair<const char*, std::string>> settings) {
  Scenario scenario;
  scenario.seed = seed;
  for (const auto& [key, value] : settings) REQUIRE(set_scenario_field(scenario, key, value).empty());
  REQUIRE(scenario_refusal(scenario).empty());
  return scenario;
}

}  // namespace hl::test
