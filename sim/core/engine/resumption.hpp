// Resumption (resume=ticket|session-id|psk-only): after the first, full connection the client
// connects again and offers the session it kept, to the same server context (its ticket keys,
// its session cache). The run then holds two connections of the same client and server:
// connection 1 (full) and connection 2 (resumed).
#pragma once

#include "core/engine/endpoint.hpp"
#include "core/engine/engine.hpp"
#include "core/model/transcript.hpp"

namespace hl {

/// Runs connection 2: a new client SSL that offers `first`'s client session, a new server SSL
/// from the same contexts, new application peers, one pump. Appends its steps (ungrouped) to
/// `out`; what it agreed on becomes out.negotiated. When the first connection left nothing to
/// resume, adds one failure step saying why instead.
void run_resumed(const Scenario& scenario, const EngineOptions& options, const EndpointPair& first, Transcript& out);

/// The group the psk-only client offers on connection 2: the first of P-384, P-521, X448,
/// ffdhe2048 and ffdhe3072 the server does not accept; empty when it accepts them all.
std::string group_the_server_lacks(const std::string& server_groups);

}  // namespace hl
