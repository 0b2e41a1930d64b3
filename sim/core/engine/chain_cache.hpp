// Process-wide cache of certificate chains and RSA keys: RSA-4096 takes over a second to
// generate, and a scenario rerun should cost about one handshake, not a PKI.
#pragma once

#include <memory>

#include "core/engine/pki.hpp"
#include "core/engine/scenario.hpp"

namespace hl {

/// The chain for scenario.cert at scenario.clock, built on first request and shared after.
/// Seeded scenarios get chains drawn from the seeded context on streams derived from the
/// seed alone, so a cached chain and a freshly built one are the same bytes; call for them
/// only while holding seeded::run_mutex(). Thread-safe, and no lock is held while a key is
/// generated: a run waits only for a key it needs itself (two runs that need the same RSA
/// key share one generation). Throws std::runtime_error when OpenSSL fails or the key
/// generation was abandoned.
std::shared_ptr<const Chain> cached_chain(const Scenario& scenario);

/// While one of these lives, every RSA key generation in this process gives up at its next
/// step, and the run that wanted the key fails with an error. A closing window holds one
/// while it waits for its last run, so it never waits seconds for a key nobody will see.
class AbandonKeyGeneration {
 public:
  AbandonKeyGeneration();
  ~AbandonKeyGeneration();
  AbandonKeyGeneration(const AbandonKeyGeneration&) = delete;
  AbandonKeyGeneration& operator=(const AbandonKeyGeneration&) = delete;
};

}  // namespace hl
