// The engine: a real OpenSSL client and server in one process, joined by memory BIOs,
// pumped one TLS record at a time while every step is recorded.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "core/engine/scenario.hpp"
#include "core/model/transcript.hpp"
#include "core/protocols/peer.hpp"

namespace hl {

/// What happens to a step on the wire after the intervention hook has seen it.
enum class Delivery : std::uint8_t {
  deliver,
  drop,
  delay,  // records: held by Mallory, delivered right after the next record the same side sends
          // (or when nothing else moves); the step is recorded with to = attacker
};

/// Sees every record and application line just before it reaches the other side; may
/// change step.bytes (what gets delivered and recorded) or drop it. Runs on the run's thread.
using InterventionHook = std::function<Delivery(Step& step)>;

/// Called after the hook with each record and application line that passed; returns the
/// records or lines Mallory sends right behind it to the same receiver (from = attacker, kind,
/// title and bytes set), in order. Empty: she adds nothing.
using InjectionHook = std::function<std::vector<Step>(const Step& passed)>;

/// How a run is carried out, beyond what the scenario decides.
struct EngineOptions {
  InterventionHook intervene;  // empty: deliver everything unchanged
  InjectionHook inject;        // empty: nothing is injected
  std::function<Dialogue(const PeerConfig&)> dialogue;  // empty: make_dialogue(peer_config(scenario))
  std::size_t max_rounds = 4000;  // pump rounds before a run that never settles is stopped as failed
};

/// Runs the scenario to its end (application dialogue, TLS handshake, application data)
/// and returns everything that happened. TLS failures (a bad certificate, no shared group)
/// do not throw: they appear as alert and failure steps and in Transcript::failure.
/// Thread-safe: runs may overlap on several threads (seeded runs take turns on the seeded
/// context); keys, chains and unseeded SSL_CTXs are cached per process behind locks.
Transcript run_scenario(const Scenario& scenario);

/// As above, with an intervention hook and limits.
Transcript run_scenario(const Scenario& scenario, const EngineOptions& options);

/// A Transcript::serial no other transcript of this process has (never 0): every run takes one,
/// and so does a transcript recorded elsewhere (a live connection).
std::uint64_t next_run_serial();

}  // namespace hl
