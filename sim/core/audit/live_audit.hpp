// Grading a real server: the live client (core/live) connects a few times with different
// client settings (at most five handshakes) and the same rules read what it recorded.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/engine/scenario.hpp"
#include "core/live/address.hpp"

namespace hl::audit {

/// How to reach and probe a real server.
struct LiveTarget {
  live::HostPort where;  // already checked against the loopback rule by the caller
  Scenario lesson;       // the client to play (its protocol: http asks for "/" and reads the headers)
  std::string ca_file;   // extra CA certificates (PEM) the client trusts; empty: the system's only
  int timeout_ms = 10'000;  // bounds connecting, the handshake, and each silence of the server
};

/// The client scenarios of the probes, in order: main (the lesson's protocol, TLS 1.2-1.3),
/// then tls12, legacy (TLS 1.0-1.1), cbc and static-rsa, which only shake hands.
std::vector<AuditRun> live_probe_plan(const LiveTarget& target, std::vector<Scenario>& out_scenarios);

/// Probes the server and grades it. False, with one line in out_error, when the first probe
/// could not connect or the peer answered with no TLS at all (silence, garbage, a reset).
[[nodiscard]] bool audit_live(const LiveTarget& target, const std::atomic<bool>& stop, AuditReport& out,
                              std::string& out_error);

}  // namespace hl::audit
