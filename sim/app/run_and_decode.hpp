// The real work behind a rerun: the engine, then the decoder, then the display cache.
// Kept apart from ScenarioRunner so its logic is tested with a stand-in run function.
#pragma once

#include <memory>

#include "app/run_data.hpp"
#include "core/engine/scenario.hpp"

namespace hl::app {

/// Runs the engine and the decoder on a scenario (may throw on a scenario OpenSSL rejects).
std::shared_ptr<const RunData> run_and_decode(const Scenario& scenario);

}  // namespace hl::app
