// The engine: a real OpenSSL client and server in one process, joined by memory BIOs,
// pumped one TLS record at a time while every step is recorded.
#pragma once

#include "core/engine/scenario.hpp"
#include "core/model/transcript.hpp"

namespace hl {

/// Runs the scenario to its end (application dialogue, TLS handshake, application data)
/// and returns everything that happened. TLS failures (a bad certificate, no shared group)
/// do not throw: they appear as alert and failure steps and in Transcript::failure.
/// Safe to call from any one thread at a time per call; key caches are shared and locked.
Transcript run_scenario(const Scenario& scenario);

}  // namespace hl
