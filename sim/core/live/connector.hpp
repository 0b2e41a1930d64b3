// `live --connect`: the lab plays a lesson's client against a real server and records the
// connection as a transcript.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "core/live/address.hpp"
#include "core/live/connection.hpp"

namespace hl::live {

/// Connects to `where` (already checked against the loopback rule) within the handshake timeout,
/// plays the client side of `scenario` with `contexts` and records the connection in out_result.
/// False, with one sentence in out_error, when no connection could be made; a connection that
/// fails later (a refused certificate, a timeout) is a result, with its failure.
[[nodiscard]] bool connect_and_record(const HostPort& where, const Scenario& scenario,
                                      std::shared_ptr<const ContextPair> contexts, const Limits& limits,
                                      const std::atomic<bool>& stop, ConnectionResult& out_result, std::string& out_error);

}  // namespace hl::live
