// Mallory terminates TLS (attack=mitm, mitm-clickthrough): she answers the client with her
// own OpenSSL server and a certificate for the same host from her own CA, opens her own
// OpenSSL client toward the real server, and relays the application protocol between the
// two connections, reading everything in between. The run then holds two connections that
// meet at her: connection 1 (client <-> Mallory) and connection 2 (Mallory <-> server).
#pragma once

#include <memory>
#include <string>

#include "core/engine/engine.hpp"
#include "core/engine/endpoint.hpp"
#include "core/engine/scenario.hpp"
#include "core/model/transcript.hpp"

namespace hl {

/// True when the scenario has Mallory terminate TLS on both sides.
bool terminates_tls(const Scenario& scenario);

/// The scenario Mallory's certificate is built from: the same host names and key type as the
/// server's, no intermediate, issued by a CA of her own (one the client does not trust), on a
/// seeded stream of its own so her keys never equal the server's.
Scenario mallory_certificate_scenario(const Scenario& scenario);

/// Runs the whole man in the middle: `real` holds the client and the server, built and with
/// their protocol peers set; `mallory_contexts` were made for mallory_certificate_scenario()
/// with its chain (her server context is used). Appends every step of both connections to
/// `out` (ungrouped, in the order they happened) and fills out.attacker. Never runs more
/// than options.max_rounds rounds. Returns false, with one sentence in out_error, when
/// OpenSSL refuses to build Mallory's endpoints (nothing has run then).
[[nodiscard]] bool run_mitm(const Scenario& scenario, const EngineOptions& options, EndpointPair& real,
                            std::shared_ptr<const ContextPair> mallory_contexts, Transcript& out, std::string& out_error);

}  // namespace hl
