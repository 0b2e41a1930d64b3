// Building the client and server SSL_CTX/SSL from a scenario.
#include "core/engine/endpoint.hpp"

#include <algorithm>
#include <ctime>
#include <string_view>

#include <openssl/x509v3.h>

#include "core/engine/ocsp_stapling.hpp"

namespace hl {
namespace {

const char* version_text(TlsVersion version) { return version == TlsVersion::tls13 ? "TLS 1.3" : "TLS 1.2"; }

// Security levels (SSL_CTX_set_security_level): 1 accepts an RSA-1024 key, 2 refuses it.
constexpr int kWeakServerLevel = 1;
constexpr int kCheckingClientLevel = 2;

// "h2,http/1.1" -> ALPN wire format (length-prefixed names); "" when a name is empty or too long.
std::string alpn_wire(const std::string& list) {
  std::string wire;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    const std::size_t name_len = end - start;
    if (name_len == 0 || name_len > 255) return {};
    wire += static_cast<char>(name_len);
    wire += list.substr(start, name_len);
    start = end + 1;
  }
  return wire;
}

// The server picks the first protocol in its own list that the client offers too; with none in
// common it ends the handshake, as RFC 7301 §3.2 requires ("SHALL respond with a fatal
// no_application_protocol alert"), which OpenSSL sends for SSL_TLSEXT_ERR_ALERT_FATAL.
int select_alpn(SSL*, const unsigned char** out, unsigned char* out_len, const unsigned char* in, unsigned int in_len,
                void* arg) {
  const auto* server = static_cast<const std::string*>(arg);
  unsigned char* chosen = nullptr;
  if (SSL_select_next_proto(&chosen, out_len, reinterpret_cast<const unsigned char*>(server->data()),
                            static_cast<unsigned int>(server->size()), in, in_len) != OPENSSL_NPN_NEGOTIATED)
    return SSL_TLSEXT_ERR_ALERT_FATAL;
  *out = chosen;
  return SSL_TLSEXT_ERR_OK;
}

// Virtual hosting (RFC 6066 §3): the server reads the client's server_name and, for a site it
// hosts, serves that site's certificate (same key, same issuer as the default one). Without SNI,
// or for a name it does not host, it keeps the default certificate and does not acknowledge the name.
int pick_virtual_host(SSL* ssl, int*, void* arg) {
  const auto* chain = static_cast<const Chain*>(arg);
  const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
  if (name == nullptr) return SSL_TLSEXT_ERR_NOACK;
  for (const Chain::VirtualHost& host : chain->virtual_hosts) {
    if (OPENSSL_strcasecmp(host.name.c_str(), name) != 0) continue;
    return SSL_use_certificate(ssl, host.leaf.get()) == 1 ? SSL_TLSEXT_ERR_OK : SSL_TLSEXT_ERR_ALERT_FATAL;
  }
  return SSL_TLSEXT_ERR_NOACK;
}

// Tickets carry the session's creation time: use the scenario clock so seeded runs repeat.
// OpenSSL reads a time of 0 as "unset" and then fails the ticket with internal_error, so
// clock=0 stamps the ticket one second later; nothing else depends on the ticket's time.
// With early data and anti-replay the tickets are stateful (a session ID into the server's cache,
// no time on the wire) and OpenSSL expires cached sessions by the real time: they keep their own.
int stamp_ticket_time(SSL* ssl, void* arg) {
  if (SSL_get_max_early_data(ssl) > 0 && (SSL_get_options(ssl) & SSL_OP_NO_ANTI_REPLAY) == 0) return 1;
  SSL_SESSION* session = SSL_get_session(ssl);
  const std::int64_t clock = *static_cast<const std::int64_t*>(arg);
  if (session != nullptr) SSL_SESSION_set_time(session, static_cast<long>(clock == 0 ? 1 : clock));
  return 1;
}

// The ticket holds the scenario clock as its session's time (stamp_ticket_time), and OpenSSL
// expires a session by the real time: a ticket this server issued in this run is taken as
// issued now, so the second connection can resume it whatever the scenario clock says.
SSL_TICKET_RETURN take_fresh_ticket(SSL*, SSL_SESSION* session, const unsigned char*, size_t, SSL_TICKET_STATUS status,
                                    void*) {
  if (status == SSL_TICKET_EMPTY || status == SSL_TICKET_NO_DECRYPT) return SSL_TICKET_RETURN_IGNORE_RENEW;
  if (status != SSL_TICKET_SUCCESS && status != SSL_TICKET_SUCCESS_RENEW) return SSL_TICKET_RETURN_IGNORE;
  SSL_SESSION_set_time(session, static_cast<long>(std::time(nullptr)));
  return status == SSL_TICKET_SUCCESS ? SSL_TICKET_RETURN_USE : SSL_TICKET_RETURN_USE_RENEW;
}

// How the server keeps what a second connection resumes: tickets (stateless), or its session
// cache found by session ID (TLS 1.2, no tickets). psk-only lets both sides use psk_ke.
void configure_resumption(SSL_CTX* ctx, const Scenario& s, ContextPair& out) {
  out.clock = s.clock;
  SSL_CTX_set_session_ticket_cb(ctx, stamp_ticket_time, s.resume == Resume::off ? nullptr : take_fresh_ticket,
                                &out.clock);
  if (s.resume == Resume::session_id) {
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR);
  }
  if (s.resume == Resume::psk_only) SSL_CTX_set_options(ctx, SSL_OP_ALLOW_NO_DHE_KEX);
}

// The server's policy for 0-RTT on a resumed connection (early-data=rejected): it resumes the
// session but declines the early data, as a server may at any time (RFC 8446 §4.2.10).
int decline_early_data(SSL*, void*) { return 0; }

constexpr std::uint32_t kMaxEarlyData = 16384;  // bytes of 0-RTT data a ticket allows (max_early_data_size)
constexpr long kSessionCacheSize = 1024;        // anti-replay: the tickets not yet used, across the runs sharing the context

// 0-RTT (RFC 8446 §4.2.10): tickets carry max_early_data_size, and the server reads what fits.
// OpenSSL's anti-replay (on unless SSL_OP_NO_ANTI_REPLAY) makes each ticket single-use: the
// ticket is a session ID into the server's cache, removed the first time it is used (§8.1).
void configure_early_data(SSL_CTX* ctx, const Scenario& s) {
  if (s.early_data == EarlyData::off) return;
  SSL_CTX_set_max_early_data(ctx, kMaxEarlyData);
  SSL_CTX_set_recv_max_early_data(ctx, kMaxEarlyData);
  if (s.early_data == EarlyData::rejected) SSL_CTX_set_allow_early_data_cb(ctx, decline_early_data, nullptr);
  if (!s.anti_replay) {
    SSL_CTX_set_options(ctx, SSL_OP_NO_ANTI_REPLAY);
    return;
  }
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR);
  SSL_CTX_sess_set_cache_size(ctx, kSessionCacheSize);
}

// Mutual TLS, the client's half: its certificate and key, and the CA that issued it (the
// server holds only the root); post-handshake: the post_handshake_auth extension (RFC 8446 §4.2.6).
std::string configure_client_certificate(SSL_CTX* ctx, const Scenario& s, const Chain& chain) {
  if (s.client_cert == ClientCert::post_handshake) SSL_CTX_set_post_handshake_auth(ctx, 1);
  if (!chain.client_leaf) return {};
  if (!SSL_CTX_use_certificate(ctx, chain.client_leaf.get()) || !SSL_CTX_use_PrivateKey(ctx, chain.client_key.get()))
    return "the client refused its own certificate";
  if (chain.intermediate && X509_check_issued(chain.intermediate.get(), chain.client_leaf.get()) == X509_V_OK &&
      !SSL_CTX_add1_chain_cert(ctx, chain.intermediate.get()))
    return "the client refused the intermediate certificate";
  return {};
}

// Mutual TLS, the server's half: it requires a certificate (in the handshake, or after it with
// post-handshake), trusts the lab's root for it at the scenario clock, and names that root in
// its CertificateRequest (certificate_authorities). OpenSSL checks the clientAuth purpose.
std::string configure_client_verification(SSL_CTX* ctx, const Scenario& s, const Chain& chain) {
  if (s.client_cert == ClientCert::off) return {};
  int mode = SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
  if (s.client_cert == ClientCert::post_handshake) mode |= SSL_VERIFY_POST_HANDSHAKE;
  SSL_CTX_set_verify(ctx, mode, nullptr);
  if (!X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), chain.root.get())) return "the server cannot trust the root CA";
  if (!SSL_CTX_add_client_CA(ctx, chain.root.get())) return "the server cannot name the root CA it accepts";
  X509_VERIFY_PARAM_set_time(SSL_CTX_get0_param(ctx), static_cast<time_t>(s.clock));
  return {};
}

// client-ciphers: IANA names, TLS 1.3 suites to the client's TLS 1.3 list, the others (by
// OpenSSL's name for them) to its TLS 1.2 list, which keeps OpenSSL's default when none is named.
std::string configure_client_suites(SSL_CTX* ctx, const std::string& names) {
  static const std::string_view kTls13Suites[] = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                                                  "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256",
                                                  "TLS_AES_128_CCM_8_SHA256"};
  std::string tls13, tls12;
  std::size_t start = 0;
  while (start <= names.size()) {
    const std::size_t end = std::min(names.find(':', start), names.size());
    const std::string name = names.substr(start, end - start);
    start = end + 1;
    if (name.empty()) continue;
    const bool is_tls13 = std::find(std::begin(kTls13Suites), std::end(kTls13Suites), name) != std::end(kTls13Suites);
    const char* openssl_name = is_tls13 ? name.c_str() : OPENSSL_cipher_name(name.c_str());
    if (!is_tls13 && std::string_view(openssl_name) == "(NONE)") return "OpenSSL has no cipher suite called '" + name + "'";
    std::string& list = is_tls13 ? tls13 : tls12;
    list += (list.empty() ? "" : ":") + std::string(openssl_name);
  }
  if (!SSL_CTX_set_ciphersuites(ctx, tls13.c_str())) return "OpenSSL refused the client's TLS 1.3 suites '" + tls13 + "'";
  if (!tls12.empty() && !SSL_CTX_set_cipher_list(ctx, tls12.c_str())) return "OpenSSL refused the client's TLS 1.2 suites '" + tls12 + "'";
  return {};
}

// Settings both sides share (the client may have its own suites and signature schemes).
// Returns "" or the sentence naming the refused setting.
std::string configure_common(SSL_CTX* ctx, const Scenario& s, const std::string& groups, VersionRange versions, bool client) {
  if (!SSL_CTX_set_min_proto_version(ctx, versions.min) || !SSL_CTX_set_max_proto_version(ctx, versions.max))
    return "OpenSSL cannot limit the versions to the range asked for";
  if (client && !s.client_ciphers.empty()) {
    if (std::string error = configure_client_suites(ctx, s.client_ciphers); !error.empty()) return error;
  } else if (!s.ciphers.empty()) {
    const bool ok = s.version == TlsVersion::tls13 ? SSL_CTX_set_ciphersuites(ctx, s.ciphers.c_str())
                                                   : SSL_CTX_set_cipher_list(ctx, s.ciphers.c_str());
    if (!ok) return "no cipher suite in '" + s.ciphers + "' is usable with " + version_text(s.version);
  }
  if (!SSL_CTX_set1_groups_list(ctx, groups.c_str())) return "OpenSSL does not know the groups '" + groups + "'";
  const std::string& sigalgs = client && !s.client_sigalgs.empty() ? s.client_sigalgs : s.sigalgs;
  if (!sigalgs.empty() && !SSL_CTX_set1_sigalgs_list(ctx, sigalgs.c_str()))
    return "OpenSSL does not know the signature algorithms '" + sigalgs + "'";
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  SideCapture::install(ctx);
  return {};
}

std::string make_client_ctx(const Scenario& s, const Chain& chain, OSSL_LIB_CTX* libctx, ContextPair& out) {
  out.client.reset(SSL_CTX_new_ex(libctx, nullptr, TLS_client_method()));
  SSL_CTX* ctx = out.client.get();
  if (ctx == nullptr) return "OpenSSL could not create the client context";
  if (std::string error = configure_common(ctx, s, s.groups, client_range(s), true); !error.empty()) return error;
  X509_STORE* store = SSL_CTX_get_cert_store(ctx);
  if (!X509_STORE_add_cert(store, chain.trusted.get())) return "the client cannot trust the root CA";
  if (chain.crl && (!X509_STORE_add_crl(store, chain.crl.get()) || !X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK)))
    return "the client cannot load the CRL";
  X509_VERIFY_PARAM_set_time(SSL_CTX_get0_param(ctx), static_cast<time_t>(s.clock));
  // OCSP_basic_verify() checks the responder's chain with the store's own parameters, not the SSL's.
  X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(store), static_cast<time_t>(s.clock));
  out.client_clock = s.clock;
  SSL_CTX_set_tlsext_status_cb(ctx, check_ocsp_staple);  // called only when the client asked (status_request)
  SSL_CTX_set_tlsext_status_arg(ctx, &out.client_clock);
  if (!s.encrypt_then_mac) SSL_CTX_set_options(ctx, SSL_OP_NO_ENCRYPT_THEN_MAC);
  if (s.cert.fault == CertFault::weak_key) SSL_CTX_set_security_level(ctx, kCheckingClientLevel);
  if (!s.ems) SSL_CTX_set_options(ctx, SSL_OP_NO_EXTENDED_MASTER_SECRET);
  if (s.resume == Resume::psk_only) SSL_CTX_set_options(ctx, SSL_OP_ALLOW_NO_DHE_KEX);  // offers psk_ke too
  return configure_client_certificate(ctx, s, chain);
}

std::string make_server_ctx(const Scenario& s, const Chain& chain, EVP_PKEY* leaf_key, OSSL_LIB_CTX* libctx,
                            ContextPair& out) {
  out.server.reset(SSL_CTX_new_ex(libctx, nullptr, TLS_server_method()));
  SSL_CTX* ctx = out.server.get();
  if (ctx == nullptr) return "OpenSSL could not create the server context";
  if (std::string error = configure_common(ctx, s, s.server_groups, server_range(s), false); !error.empty()) return error;
  if (s.cert.fault == CertFault::weak_key) SSL_CTX_set_security_level(ctx, kWeakServerLevel);
  if (!SSL_CTX_use_certificate(ctx, chain.leaf.get()) || !SSL_CTX_use_PrivateKey(ctx, leaf_key))
    return "the server refused its certificate (" + ossl::take_error("key too weak for the security level") + ")";
  if (chain.intermediate && chain.send_intermediate && !SSL_CTX_add1_chain_cert(ctx, chain.intermediate.get()))
    return "the server refused the intermediate certificate";
  if (!chain.virtual_hosts.empty()) {
    SSL_CTX_set_tlsext_servername_callback(ctx, pick_virtual_host);
    SSL_CTX_set_tlsext_servername_arg(ctx, const_cast<Chain*>(&chain));
  }
  if (!chain.ocsp_response.empty()) {
    SSL_CTX_set_tlsext_status_cb(ctx, staple_ocsp_response);
    SSL_CTX_set_tlsext_status_arg(ctx, const_cast<Chain*>(&chain));
  }
  SSL_CTX_set_dh_auto(ctx, 1);  // TLS 1.2 DHE suites: built-in group sized to the certificate's strength
  SSL_CTX_set_num_tickets(ctx, static_cast<std::size_t>(s.tickets));
  if (s.tickets == 0) SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
  configure_resumption(ctx, s, out);
  configure_early_data(ctx, s);
  if (std::string error = configure_client_verification(ctx, s, chain); !error.empty()) return error;
  if (const std::string list = server_alpn_list(s); !list.empty()) {
    out.server_alpn = alpn_wire(list);
    if (out.server_alpn.empty()) return "the server's ALPN list '" + list + "' is not valid";
    SSL_CTX_set_alpn_select_cb(ctx, select_alpn, &out.server_alpn);
  }
  return {};
}

// Each side gets its own two memory BIOs: the pump is the only wire. False when OpenSSL
// cannot make them (the SSL then owns neither).
bool attach_bios(Endpoint& endpoint) {
  endpoint.inbox = BIO_new(BIO_s_mem());
  endpoint.outbox = BIO_new(BIO_s_mem());
  if (endpoint.inbox == nullptr || endpoint.outbox == nullptr) {
    BIO_free(endpoint.inbox);
    BIO_free(endpoint.outbox);
    endpoint.inbox = endpoint.outbox = nullptr;
    return false;
  }
  BIO_set_mem_eof_return(endpoint.inbox, -1);  // empty means "wait", not end of stream
  BIO_set_mem_eof_return(endpoint.outbox, -1);
  SSL_set_bio(endpoint.ssl.get(), endpoint.inbox, endpoint.outbox);
  endpoint.capture.attach(endpoint.ssl.get());
  return true;
}

std::string make_client_ssl(const Scenario& s, SSL_CTX* ctx, Endpoint& out) {
  out.ssl.reset(SSL_new(ctx));
  SSL* ssl = out.ssl.get();
  if (ssl == nullptr) return "OpenSSL could not create the client";
  if (!attach_bios(out)) return "OpenSSL could not create the client's memory BIOs";
  SSL_set_connect_state(ssl);
  out.close = s.close;
  if (!s.server_name.empty() && !SSL_set_tlsext_host_name(ssl, s.server_name.c_str()))
    return "the server name '" + s.server_name + "' cannot be sent";
  if (!SSL_set1_host(ssl, s.verify_name.c_str())) return "the client cannot check the name '" + s.verify_name + "'";
  if (client_requests_ocsp(s) && !SSL_set_tlsext_status_type(ssl, TLSEXT_STATUSTYPE_ocsp))
    return "the client cannot ask for a stapled OCSP response";
  if (!s.alpn.empty()) {
    const std::string wire = alpn_wire(s.alpn);
    if (wire.empty() || SSL_set_alpn_protos(ssl, reinterpret_cast<const unsigned char*>(wire.data()),
                                            static_cast<unsigned int>(wire.size())) != 0)
      return "the ALPN list '" + s.alpn + "' is not valid";
  }
  return {};
}

std::string make_server_ssl(const Scenario& s, SSL_CTX* ctx, Endpoint& out) {
  out.ssl.reset(SSL_new(ctx));
  if (!out.ssl) return "OpenSSL could not create the server";
  if (!attach_bios(out)) return "OpenSSL could not create the server's memory BIOs";
  SSL_set_accept_state(out.ssl.get());
  out.asks_certificate_after_handshake = s.client_cert == ClientCert::post_handshake;
  out.updates_keys = s.key_update;
  out.close = s.close;
  return {};
}

}  // namespace

bool make_contexts(const Scenario& scenario, std::shared_ptr<const Chain> chain, ossl::PkeyPtr leaf_key,
                   OSSL_LIB_CTX* libctx, ContextPair& out, std::string& out_error) {
  out.chain = std::move(chain);
  out.leaf_key = std::move(leaf_key);
  out_error = make_client_ctx(scenario, *out.chain, libctx, out);
  if (out_error.empty()) out_error = make_server_ctx(scenario, *out.chain, out.leaf_key.get(), libctx, out);
  if (out_error.empty()) return true;
  ossl::take_error("");
  return false;
}

bool make_endpoints(const Scenario& scenario, std::shared_ptr<const ContextPair> contexts, EndpointPair& out,
                    std::string& out_error) {
  out.contexts = std::move(contexts);
  if (!make_endpoint(scenario, *out.contexts, out.client, out_error)) return false;
  return make_endpoint(scenario, *out.contexts, out.server, out_error);
}

bool make_endpoint(const Scenario& scenario, const ContextPair& contexts, Endpoint& out, std::string& out_error) {
  out_error = out.side == Side::client ? make_client_ssl(scenario, contexts.client.get(), out)
                                       : make_server_ssl(scenario, contexts.server.get(), out);
  if (out_error.empty()) return true;
  ossl::take_error("");
  return false;
}

}  // namespace hl
