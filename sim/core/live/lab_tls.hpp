// The lesson's TLS setup as live mode plays it against real programs: real randomness, the real
// clock, a leaf that also names the addresses clients use to reach the lab, and a client that
// trusts the system's CAs too.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/engine/endpoint.hpp"

namespace hl::live {

/// `lesson` unseeded, at the current time (so a real client accepts the certificate's validity),
/// with `extra_names` (localhost, 127.0.0.1, the listen address) added to the leaf's names.
Scenario live_scenario(Scenario lesson, const std::vector<std::string>& extra_names);

/// The client names `host` (SNI unless it is an IP literal) and checks the certificate against it.
void aim_client_at(Scenario& scenario, const std::string& host);

/// Both contexts with the lesson's chain; the client also trusts the system's CAs and, when not
/// empty, the PEM certificates in `ca_file`. False, with one sentence in out_error, when OpenSSL refuses.
[[nodiscard]] bool live_contexts(const Scenario& scenario, const std::string& ca_file,
                                 std::shared_ptr<const ContextPair>& out, std::string& out_error);

/// The PEM of the root CA that signed the lab server's chain (what clients should trust).
std::string root_certificate_pem(const ContextPair& contexts);

/// The certificate, the CA certificate below the root that issued it, and the private key (PEM,
/// unencrypted) of a client the lab's server accepts in mutual TLS, for a real client's --cert/--key;
/// empty when the scenario made no client certificate.
std::string client_identity_pem(const ContextPair& contexts);

}  // namespace hl::live
