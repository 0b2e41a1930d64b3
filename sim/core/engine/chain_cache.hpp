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
/// only while holding seeded::run_mutex(). Thread-safe. Throws std::runtime_error when
/// OpenSSL fails.
std::shared_ptr<const Chain> cached_chain(const Scenario& scenario);

}  // namespace hl
