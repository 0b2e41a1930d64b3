// The real work behind a rerun: the engine, then the decoder, then the display cache.
// Kept apart from ScenarioRunner so its logic is tested with a stand-in run function.
#pragma once

#include <memory>
#include <string>

#include "app/run_data.hpp"
#include "core/engine/scenario.hpp"

namespace hl::app {

/// Runs the engine and the decoder on a scenario (may throw on a scenario OpenSSL rejects).
std::shared_ptr<const RunData> run_and_decode(const Scenario& scenario);

/// Decodes a transcript recorded elsewhere for the views, as a run of `scenario`; `origin` says
/// where it came from ("live connection 1 with 127.0.0.1:50312") in place of the run time.
std::shared_ptr<const RunData> decode_run(const Scenario& scenario, Transcript transcript, std::string origin);

}  // namespace hl::app
