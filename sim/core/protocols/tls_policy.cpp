// tls_policy_default(): which protocol's usual client insists on its STARTTLS upgrade.
#include <algorithm>
#include <iterator>

#include "core/protocols/peer_config.hpp"

namespace hl {
namespace {

struct PolicyRow {
  const char* protocol;
  int port;  // 0: every port of the protocol
  TlsPolicy policy;
};

// Port 25: RFC 3207 §4 forbids a publicly referenced MTA to require STARTTLS, so relays use TLS
// only when offered (RFC 7435; MTA-STS and DANE are how a domain demands more). FTP clients
// default to "explicit TLS if available" (FileZilla, lftp's ftp:ssl-allow, curl --ssl).
// Mail and directory clients that a user configured with "STARTTLS" refuse to go on without it.
constexpr PolicyRow kPolicies[] = {
    {"smtp", 25, TlsPolicy::opportunistic},
    {"ftp", 0, TlsPolicy::opportunistic},
};

}  // namespace

TlsPolicy tls_policy_default(std::string_view protocol, int port) {
  auto row = std::find_if(std::begin(kPolicies), std::end(kPolicies), [&](const PolicyRow& r) {
    return protocol == r.protocol && (r.port == 0 || r.port == port);
  });
  return row == std::end(kPolicies) ? TlsPolicy::require_tls : row->policy;
}

}  // namespace hl
