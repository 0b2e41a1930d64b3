// The two TLS endpoints of a run: a client and a server SSL, each reading from and writing
// to its own pair of memory BIOs that only the pump touches.
#pragma once

#include <cstdint>
#include <string>

#include "core/engine/capture.hpp"
#include "core/engine/ossl.hpp"
#include "core/engine/pki.hpp"
#include "core/engine/scenario.hpp"
#include "core/protocols/peer.hpp"

namespace hl {

/// One side: its SSL, the BIOs the pump feeds and drains, and what it reported.
struct Endpoint {
  explicit Endpoint(Side which) : side(which), capture(which) {}
  Side side;
  ossl::SslPtr ssl;
  BIO* inbox = nullptr;   // the pump writes the peer's records here; the SSL reads them (owned by ssl)
  BIO* outbox = nullptr;  // the SSL writes its records here; the pump lifts them (owned by ssl)
  Bytes pending;          // bytes drained from outbox, not yet cut into records
  SideCapture capture;
  ProtocolPeer* peer = nullptr;  // the application protocol spoken on this side (owned by the Dialogue)
  bool failed = false;
};

/// Both endpoints and the contexts they were made from. Not movable: callbacks point into it.
struct EndpointPair {
  std::int64_t clock = 0;          // scenario time for the server's ticket callback
  std::string server_alpn;         // ALPN wire format the server accepts
  ossl::SslCtxPtr client_ctx;
  ossl::SslCtxPtr server_ctx;
  Endpoint client{Side::client};
  Endpoint server{Side::server};
};

/// Configures both contexts and SSLs from the scenario, in a fixed order (client context,
/// server context, client SSL, server SSL) in `libctx` (nullptr: default). `leaf_key` is
/// the server's private key for chain.leaf. Returns "" on success, else one sentence
/// saying which scenario setting OpenSSL refused.
std::string make_endpoints(const Scenario& scenario, const Chain& chain, EVP_PKEY* leaf_key, OSSL_LIB_CTX* libctx,
                           EndpointPair& out);

}  // namespace hl
