// Cache of the client/server SSL_CTX pair for unseeded runs: creating two SSL_CTXs costs
// about as much as a third of a run, and nothing in them changes between runs.
#pragma once

#include <memory>
#include <string>

#include "core/engine/endpoint.hpp"

namespace hl {

/// The contexts for an unseeded scenario with this chain, built on first request and
/// shared after, in out_pair. Returns false and sets out_error when OpenSSL refuses a
/// setting (nothing is cached then). Thread-safe. Seeded runs build their own contexts.
[[nodiscard]] bool cached_contexts(const Scenario& scenario, const std::shared_ptr<const Chain>& chain,
                                   std::shared_ptr<const ContextPair>& out_pair, std::string& out_error);

}  // namespace hl
