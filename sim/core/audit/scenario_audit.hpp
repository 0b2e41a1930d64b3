// Grading a lesson's server: the scenario run with a standard client, then probes that play
// other clients against the same server settings (old versions, CBC-only, RSA-only), and for
// HTTP the same site visited on port 80.
#pragma once

#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/engine/scenario.hpp"

namespace hl::audit {

/// The runs that grade `scenario`'s server: "main" (a client offering TLS 1.2 and 1.3 with
/// OpenSSL's defaults), then the probes that apply (legacy, tls12, cbc, static-rsa, port-80).
/// Client-side settings of the scenario (attack, ems, encrypt-then-mac, client policy) are replaced
/// by the standard client's: the audit grades the server.
std::vector<AuditRun> scenario_runs(const Scenario& scenario);

/// What a scenario audit cannot grade yet, one sentence each.
std::vector<std::string> scenario_not_graded(const Scenario& scenario);

/// scenario_runs() graded.
AuditReport audit_scenario(const Scenario& scenario);

}  // namespace hl::audit
