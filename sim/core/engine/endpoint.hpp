// The two TLS endpoints of a run: a client and a server SSL, each reading from and writing
// to its own pair of memory BIOs that only the pump touches.
#pragma once

#include <cstdint>
#include <memory>
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
  bool updates_keys = false;      // server, key-update=on: KeyUpdate before its first application data
  bool received_application_data = false;  // the pump has read application data on this side
  CloseMode close = CloseMode::none;  // how the pump ends this connection once the dialogue is over
  bool closed = false;                // its TCP stream from the peer has ended (close=cut): nothing more is read
  bool asks_certificate_after_handshake = false;  // server, client-cert=post-handshake: the pump asks once the handshake is done
  bool early_data = false;        // client: sends its first units as 0-RTT data; server: reads with SSL_read_early_data
  bool early_data_read = false;   // server: SSL_read_early_data has said FINISH (the handshake goes on as usual)
  std::vector<AppUnit> early_units;  // client: what it sent as early data, to send again if the server declines it
};

/// The client and server SSL_CTX of a scenario and what their callbacks point at.
/// Not movable (callbacks hold pointers into it): create it with std::make_shared.
struct ContextPair {
  std::int64_t clock = 0;               // scenario time for the server's ticket callback
  std::int64_t client_clock = 0;        // scenario time for the client's OCSP staple check
  std::string server_alpn;              // ALPN wire format the server accepts
  std::shared_ptr<const Chain> chain;   // keeps the certificates alive
  ossl::PkeyPtr leaf_key;               // the server's private key
  ossl::SslCtxPtr client;
  ossl::SslCtxPtr server;
  ContextPair() = default;
  ContextPair(const ContextPair&) = delete;
  ContextPair& operator=(const ContextPair&) = delete;
};

/// Configures both contexts from the scenario (client first, then server) in `libctx`
/// (nullptr: default), the server with chain and `leaf_key`. Returns false, with one
/// sentence in out_error saying which scenario setting OpenSSL refused, when it cannot.
[[nodiscard]] bool make_contexts(const Scenario& scenario, std::shared_ptr<const Chain> chain, ossl::PkeyPtr leaf_key,
                                 OSSL_LIB_CTX* libctx, ContextPair& out, std::string& out_error);

/// Both endpoints of a run. Not movable: callbacks point into it.
struct EndpointPair {
  std::shared_ptr<const ContextPair> contexts;
  Endpoint client{Side::client};
  Endpoint server{Side::server};
};

/// Creates the client SSL, then the server SSL, from `contexts`, with the scenario's
/// per-connection settings (SNI, the name to verify, ALPN). Returns false, with one
/// sentence in out_error, when OpenSSL refuses.
[[nodiscard]] bool make_endpoints(const Scenario& scenario, std::shared_ptr<const ContextPair> contexts, EndpointPair& out,
                                  std::string& out_error);

/// Creates one endpoint's SSL from the context of its role (out.side: client or server), as
/// make_endpoints() does. Returns false, with one sentence in out_error, when OpenSSL refuses.
[[nodiscard]] bool make_endpoint(const Scenario& scenario, const ContextPair& contexts, Endpoint& out,
                                 std::string& out_error);

}  // namespace hl
