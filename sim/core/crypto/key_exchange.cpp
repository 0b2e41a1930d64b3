// KeyExchange: the hellos' key shares or the TLS 1.2 key exchange messages, read strictly;
// the engine's captured private keys; one EVP_PKEY_derive per side; checks that tie them.
#include "core/crypto/key_exchange.hpp"

#include <algorithm>
#include <optional>

#include "core/crypto/handshake_log.hpp"
#include "core/crypto/handshake_signature.hpp"
#include "core/crypto/key_agreement.hpp"
#include "core/crypto/key_exchange_wire.hpp"
#include "core/crypto/keylog.hpp"
#include "core/crypto/rsa_premaster.hpp"
#include "core/crypto/schedule_builder.hpp"
#include "core/wire/names.hpp"

namespace hl::crypto {
namespace {

constexpr std::uint8_t kServerKeyExchange = wire_type(HandshakeType::server_key_exchange);
constexpr std::uint8_t kCertificate = wire_type(HandshakeType::certificate);
constexpr std::size_t kRandomAt = 4 + 2;  // after the message header and legacy_version

constexpr const char* kTls12ClientKeyReason =
    "OpenSSL 3.0 never keeps the TLS 1.2 client's ephemeral key: it makes it while writing the ClientKeyExchange, "
    "derives the premaster and frees it at once, so SSL_get_tmp_key has nothing to give";
constexpr const char* kNoDerivationReason = "needs this side's ephemeral private key, which is unavailable";

std::string group_name(std::uint16_t group) {
  const char* name = wire::named_group_name(group);
  return name ? name : "unknown group " + std::to_string(group);
}

// The keys the engine took from `connection`'s endpoints, or nullptr.
const KeyCapture* captured_for(const Transcript& t, int connection) {
  if (connection == t.keys.connection) return &t.keys;
  for (const KeyCapture& keys : t.later_keys)
    if (keys.connection == connection) return &keys;
  return nullptr;
}

// Assembles one KeyExchange from the connection's messages and captured keys.
class Builder {
 public:
  Builder(const Transcript& t, int connection)
      : t_(t), messages_(handshake_messages(t, connection)), keys_(captured_for(t, connection)) {
    out_.connection = connection;
  }

  KeyExchange build() {
    server_hello_ = find_message(messages_, kServerHello, Side::server);
    if (!server_hello_) return std::move(out_);
    client_hello_ = last_client_hello_before(*server_hello_);
    if (!client_hello_) return std::move(out_);
    out_.version = server_hello_version(msg(*server_hello_));
    const auto kex = wire::suite_traits(server_hello_suite(msg(*server_hello_))).kex;
    if (kex == wire::KeyExchange::tls13 && out_.version == 0x0304) tls13();
    if (kex == wire::KeyExchange::ecdhe || kex == wire::KeyExchange::dhe) tls12_ephemeral(kex == wire::KeyExchange::dhe);
    if (kex == wire::KeyExchange::rsa) tls12_rsa();
    return std::move(out_);
  }

 private:
  const HandshakeMessage& msg(std::size_t index) const { return messages_[index]; }

  // After a HelloRetryRequest, the ServerHello answers the second ClientHello.
  std::optional<std::size_t> last_client_hello_before(std::size_t end) const {
    std::optional<std::size_t> last;
    for (std::size_t i = 0; i < end; ++i)
      if (messages_[i].type == kClientHello && messages_[i].from == Side::client) last = i;
    return last;
  }

  // ---- values -----------------------------------------------------------------------------

  KeyExchangeValue& add(std::string name, std::string note = {}) {
    KeyExchangeValue v;
    v.name = std::move(name);
    v.note = std::move(note);
    out_.values.push_back(std::move(v));
    return out_.values.back();
  }

  // A value read off message `index`: its step and, when the message sits whole in a plaintext record, its byte range.
  KeyExchangeValue& add_wire(std::string name, std::size_t index, const WireBytes& bytes, std::string note = {}) {
    KeyExchangeValue& v = add(std::move(name), std::move(note));
    v.value = bytes.bytes;
    v.step = msg(index).step;
    const Step& step = t_.steps[v.step - 1];
    const auto found = std::search(step.bytes.begin(), step.bytes.end(), msg(index).bytes.begin(), msg(index).bytes.end());
    if (step.is_protected || found == step.bytes.end()) return v;
    v.offset = static_cast<std::size_t>(found - step.bytes.begin()) + bytes.offset;
    v.length = bytes.bytes.size();
    return v;
  }

  void add_unavailable(std::string name, std::string reason, std::size_t step = 0) {
    KeyExchangeValue& v = add(std::move(name));
    v.unavailable = std::move(reason);
    v.step = step;
  }

  void check(std::string what, bool ok, std::string ok_detail, std::string failed_detail) {
    out_.checks.push_back({std::move(what), ok, ok ? std::move(ok_detail) : "MISMATCH: " + std::move(failed_detail)});
  }

  WireBytes hello_random_at(std::size_t index) const {
    Bytes random = hello_random(msg(index));
    return {random, kRandomAt};
  }

  // ---- each side's private key and its own derivation -------------------------------------------

  // Who holds `side`'s end of this connection, as the message at `index` shows: Mallory's server
  // faces the client on connection 1 of a man in the middle, her client faces the server on connection 2.
  std::string holder(Side side, std::size_t index) const {
    const bool mallory = t_.steps[msg(index).step - 1].from == Side::attacker;
    return std::string(mallory ? "Mallory's " : "the ") + side_name(side);
  }

  // Why a side's key is missing when OpenSSL gave no reason of its own.
  std::string missing_key(const CapturedKey& captured, std::string fallback) const {
    if (t_.capture) return "a capture file holds only what crossed the wire: no endpoint handed over its keys";
    if (keys_ == nullptr || captured.sent_in == HandshakeType::hello_request)
      return "the engine took no key from this endpoint on connection " + std::to_string(out_.connection);
    return fallback;
  }

  // The captured private key of one side, when it belongs to `carrier` (the message with its public half).
  PkeyPtr private_key(Side side, const CapturedKey KeyCapture::*which, HandshakeType carrier, std::size_t carrier_index,
                      const std::string& missing_reason) {
    const std::string name = std::string(side_name(side)) + "_private";
    const CapturedKey captured = keys_ != nullptr ? keys_->*which : CapturedKey{};
    if (captured.private_value.empty() || captured.sent_in != carrier) {
      const std::string why = captured.sent_in == carrier && !captured.unavailable.empty() ? captured.unavailable
                                                                                            : missing_key(captured, missing_reason);
      add_unavailable(name, why, msg(carrier_index).step);
      return nullptr;
    }
    std::string error;
    PkeyPtr key = load_group_private_key(captured.group, captured.private_value, error);
    if (!key) {
      add_unavailable(name, error, msg(carrier_index).step);
      return nullptr;
    }
    KeyExchangeValue& v = add(name, "Given by OpenSSL (SSL_get_tmp_key) on " + holder(side, carrier_index) +
                                        " right after it wrote the message carrying its public key.");
    v.value = captured.private_value;
    v.step = msg(carrier_index).step;
    return key;
  }

  // The private key must be the one behind the public key on the wire.
  void check_pair(Side side, EVP_PKEY* key) {
    const KeyExchangeValue* found = out_.find(std::string(side_name(side)) + "_public");
    if (key == nullptr || found == nullptr || found->value.empty()) return;
    const KeyExchangeValue wire_public = *found;  // a copy: check() may grow the lists
    const std::string who = side_name(side);
    const Bytes derived = encoded_public_key(key);
    check(who + "_private belongs to " + who + "_public (step " + std::to_string(wire_public.step) + ")",
          derived == wire_public.value, "The public key computed from the " + who + "'s private key is the one it sent.",
          "the " + who + "'s private key gives the public key " + hex(derived) + ", but it sent " + hex(wire_public.value) + ".");
  }

  // One side's EVP_PKEY_derive with its own private key and the other side's public key from the wire.
  void derive(Side side, EVP_PKEY* own, DhPadding padding, const std::string& missing) {
    const std::string name = std::string(side_name(side)) + "_shared_secret";
    const KeyExchangeValue* peer = out_.find(side == Side::client ? "server_public" : "client_public");
    const Bytes peer_public = peer != nullptr ? peer->value : Bytes{};
    if (own == nullptr) return add_unavailable(name, missing);
    if (peer_public.empty()) return add_unavailable(name, "the other side's public key is not in the transcript");
    Bytes secret;
    std::string error;
    if (!derive_shared_secret(own, peer_public, padding, secret, error)) return add_unavailable(name, error);
    const std::string pad_note = padding == DhPadding::pad_to_prime ? " padded to the size of p (RFC 8446 §7.4.1)"
                                                                    : " with leading zero bytes stripped (RFC 5246 §8.1.2)";
    add(name, "EVP_PKEY_derive with the " + std::string(side_name(side)) + "'s private key and the public key it received" +
                  (out_.kind == "dhe" ? pad_note : "") + ".")
        .value = std::move(secret);
  }

  // shared_secret: the one value both sides hold; a disagreement leaves it unavailable and fails a check.
  void agree() {
    const Bytes client = out_.find("client_shared_secret")->value;  // copies: add() below moves the values
    const Bytes server = out_.find("server_shared_secret")->value;
    const bool both = !client.empty() && !server.empty();
    if (both)
      check("client_shared_secret = server_shared_secret", client == server,
            "Each side computed the shared secret on its own, and the two are equal.",
            "the client computed " + hex(client) + " but the server " + hex(server) + ".");
    if (both && client != server)
      return add_unavailable("shared_secret", "the two sides computed different values (see the checks)");
    if (client.empty() && server.empty()) return add_unavailable("shared_secret", "neither side's computation is available");
    const std::string only = client.empty() ? "server" : "client";
    add("shared_secret", both ? "Both sides computed this value." : "Only the " + only + "'s computation is available; "
                                                                    "the key log checks of the schedule confirm it.")
        .value = client.empty() ? server : client;
  }

  // ---- TLS 1.3 ------------------------------------------------------------------------------------

  void tls13() {
    KeyShareEntry server_share, client_share;
    std::string error;
    const bool have_server = read_server_key_share(msg(*server_hello_), server_share, error);
    if (have_server) out_.group = group_name(server_share.group);
    out_.kind = out_.group.starts_with("ffdhe") ? "dhe" : "ecdhe";
    const bool have_client = have_server && read_client_key_share(msg(*client_hello_), server_share.group, client_share, error);
    PkeyPtr client_key = private_key(Side::client, &KeyCapture::client, HandshakeType::client_hello, *client_hello_,
                                     "SSL_get_tmp_key gave no key after the ClientHello");
    if (have_client) add_wire("client_public", *client_hello_, client_share.key, "The client's key share in its ClientHello.");
    else add_unavailable("client_public", error, msg(*client_hello_).step);
    PkeyPtr server_key = private_key(Side::server, &KeyCapture::server, HandshakeType::server_hello, *server_hello_,
                                     "SSL_get_tmp_key gave no key after the ServerHello");
    if (have_server) add_wire("server_public", *server_hello_, server_share.key, "The server's key share in its ServerHello.");
    else add_unavailable("server_public", error, msg(*server_hello_).step);
    check_pair(Side::client, client_key.get());
    check_pair(Side::server, server_key.get());
    derive(Side::client, client_key.get(), DhPadding::pad_to_prime, kNoDerivationReason);
    derive(Side::server, server_key.get(), DhPadding::pad_to_prime, kNoDerivationReason);
    agree();
  }

  // ---- TLS 1.2 ECDHE / DHE ---------------------------------------------------------------------------

  void tls12_ephemeral(bool dhe) {
    out_.kind = dhe ? "dhe" : "ecdhe";
    const auto ske = find_message(messages_, kServerKeyExchange, Side::server);
    const auto cke = find_message(messages_, kClientKeyExchange, Side::client);
    ServerKeyExchangeParams params;
    std::string ske_error = "not reached: no ServerKeyExchange was sent", cke_error = "not reached: no ClientKeyExchange was sent";
    const bool have_ske = ske && read_server_key_exchange(msg(*ske).bytes, dhe, params, ske_error);
    WireBytes client_public;
    const bool have_cke = cke && read_client_public(msg(*cke).bytes, dhe, client_public, cke_error);
    if (have_ske && !dhe) out_.group = group_name(params.group);
    add_unavailable("client_private", kTls12ClientKeyReason, cke ? msg(*cke).step : 0);
    if (have_cke) add_wire("client_public", *cke, client_public, "The client's public value in its ClientKeyExchange.");
    else add_unavailable("client_public", cke_error);
    PkeyPtr server_key;
    if (ske) server_key = private_key(Side::server, &KeyCapture::server, HandshakeType::server_key_exchange, *ske,
                                      "SSL_get_tmp_key gave no key after the ServerKeyExchange");
    else add_unavailable("server_private", ske_error);
    if (have_ske) add_wire("server_public", *ske, params.public_key, "The server's public value in its ServerKeyExchange.");
    else add_unavailable("server_public", ske_error);
    if (have_ske && dhe) {
      add_wire("dh_p", *ske, params.dh_p, "The prime of the server's DH group, sent in the ServerKeyExchange.");
      add_wire("dh_g", *ske, params.dh_g, "The generator of the server's DH group.");
    }
    check_pair(Side::server, server_key.get());
    derive(Side::client, nullptr, DhPadding::strip_leading_zeros,
           "needs the client's ephemeral private key: " + std::string(kTls12ClientKeyReason));
    derive(Side::server, server_key.get(), DhPadding::strip_leading_zeros, kNoDerivationReason);
    agree();
    if (have_ske) signature(*ske, params);
  }

  // digitally-signed over client_random + server_random + params, with the leaf certificate's key.
  void signature(std::size_t ske, const ServerKeyExchangeParams& params) {
    add_wire("client_random", *client_hello_, hello_random_at(*client_hello_), "First part of what the server signs.");
    add_wire("server_random", *server_hello_, hello_random_at(*server_hello_), "Second part of what the server signs.");
    add_wire("server_params", ske, params.params, "Third part of what the server signs: the group and its public value.");
    const char* scheme = wire::signature_scheme_name(params.scheme);
    const std::string scheme_name = scheme ? scheme : "scheme " + std::to_string(params.scheme);
    add_wire("signature", ske, params.signature,
             scheme_name + " over client_random + server_random + server_params, with the key of the server's certificate.");
    const auto certificate = find_message(messages_, kCertificate, Side::server);
    std::string error = "the server sent no Certificate message";
    PkeyPtr leaf;
    bool verified = false;
    if (certificate && leaf_public_key(msg(*certificate).bytes, leaf, error)) {
      Bytes signed_data = hello_random(msg(*client_hello_));
      const Bytes server_random = hello_random(msg(*server_hello_));
      signed_data.insert(signed_data.end(), server_random.begin(), server_random.end());
      signed_data.insert(signed_data.end(), params.params.bytes.begin(), params.params.bytes.end());
      verified = verify_signature(leaf.get(), params.scheme, signed_data, params.signature.bytes, error);
      add("server_certificate_public_key", "The SubjectPublicKeyInfo of the server's certificate: its key checks the signature.")
          .value = subject_public_key_info(leaf.get());
      out_.values.back().step = msg(*certificate).step;
    }
    out_.checks.push_back({"ServerKeyExchange signature (" + scheme_name + ")", verified,
                           verified ? "EVP_DigestVerify with the certificate's public key accepts the signature over "
                                      "client_random + server_random + server_params."
                                    : "FAILED: " + error + "."});
  }

  // ---- TLS 1.2 RSA ---------------------------------------------------------------------------------

  void tls12_rsa() {
    out_.kind = "rsa";
    const auto cke = find_message(messages_, kClientKeyExchange, Side::client);
    if (!cke) {
      add_unavailable("encrypted_premaster", "not reached: no ClientKeyExchange was sent");
      add_unavailable("premaster", "not reached: no ClientKeyExchange was sent");
      return;
    }
    Bytes encrypted;
    std::string error;
    if (!read_encrypted_premaster(msg(*cke).bytes, encrypted, error)) {
      add_unavailable("encrypted_premaster", error, msg(*cke).step);
      add_unavailable("premaster", "the encrypted premaster could not be read", msg(*cke).step);
      return;
    }
    add_wire("encrypted_premaster", *cke, {encrypted, 4 + 2},
             "The premaster, encrypted by the client to the RSA key of the server's certificate (PKCS #1 v1.5).");
    Bytes premaster;
    if (!open_premaster(encrypted, premaster, error)) return add_unavailable("premaster", error, msg(*cke).step);
    KeyExchangeValue& v = add("premaster", "OpenSSL gives no route to the client's copy: the lab decrypted the "
                                           "ClientKeyExchange with its own server's private key, as the server does.");
    v.value = premaster;
    v.step = msg(*cke).step;
    add("premaster_version", "The first two bytes: the highest version the client offered in its ClientHello "
                             "(RFC 5246 §7.4.7.1), so a downgrade is caught.")
        .value = Bytes(premaster.begin(), premaster.begin() + 2);
    out_.values.back().step = msg(*cke).step;
    rsa_checks(encrypted, premaster);
  }

  bool open_premaster(const Bytes& encrypted, Bytes& out_premaster, std::string& out_error) {
    if (keys_ == nullptr || keys_->server_rsa_der.empty()) {
      out_error = t_.capture ? "the transcript does not carry the server's RSA key (a capture file, not a lab run)"
                             : "the engine kept no copy of the server's RSA key on connection " + std::to_string(out_.connection);
      return false;
    }
    PkeyPtr server_key = load_private_key(keys_->server_rsa_der, out_error);
    return server_key && decrypt_rsa_premaster(server_key.get(), encrypted, out_premaster, out_error);
  }

  void rsa_checks(const Bytes& encrypted, const Bytes& premaster) {
    const Bytes& hello = msg(*client_hello_).bytes;
    const Bytes offered = hello.size() >= kRandomAt ? Bytes(hello.begin() + 4, hello.begin() + kRandomAt) : Bytes{};
    check("premaster_version = ClientHello version", offered == Bytes(premaster.begin(), premaster.begin() + 2),
          "The premaster starts with the version the client offered.",
          "the premaster starts with " + hex(Bytes(premaster.begin(), premaster.begin() + 2)) + " but the ClientHello offered " + hex(offered) + ".");
    for (const auto& line : keylog_entries(t_, hello_random(msg(*client_hello_)), out_.connection)) {
      if (line.label != "RSA" || !std::equal(line.client_random.begin(), line.client_random.end(), encrypted.begin())) continue;
      check("premaster = RSA key log line (" + std::string(line.side ? side_name(*line.side) : "key log") + ")",
            line.secret == premaster, "The premaster the lab decrypted equals the one the client logged.",
            "the key log has " + hex(line.secret) + " but the lab decrypted " + hex(premaster) + ".");
    }
  }

  const Transcript& t_;
  std::vector<HandshakeMessage> messages_;
  const KeyCapture* keys_;  // nullptr when the engine took no keys on this connection
  std::optional<std::size_t> client_hello_, server_hello_;
  KeyExchange out_;
};

}  // namespace

const KeyExchangeValue* KeyExchange::find(std::string_view name) const {
  auto it = std::find_if(values.begin(), values.end(), [&](const KeyExchangeValue& v) { return v.name == name; });
  return it == values.end() ? nullptr : &*it;
}

KeyExchangeSecrets KeyExchange::secrets() const {
  KeyExchangeSecrets out;
  const KeyExchangeValue* secret = find(kind == "rsa" ? "premaster" : "shared_secret");
  if (secret == nullptr || secret->value.empty()) return out;
  if (version == 0x0304) out.shared_secret = secret->value;
  if (version == 0x0303) out.pre_master_secret = secret->value;
  return out;
}

bool KeyExchange::all_checks_pass() const {
  return std::all_of(checks.begin(), checks.end(), [](const ScheduleCheck& c) { return c.ok; });
}

KeyExchange key_exchange(const Transcript& transcript) { return key_exchange(transcript, 1); }

KeyExchange key_exchange(const Transcript& transcript, int connection) { return Builder(transcript, connection).build(); }

std::vector<ConnectionCrypto> connection_crypto(const Transcript& transcript) {
  std::vector<ConnectionCrypto> out;
  KeyExchange first = key_exchange(transcript, 1);
  KeySchedule schedule = compute_key_schedule(transcript, first.secrets());
  out.push_back({std::move(first), std::move(schedule)});
  for (int connection : later_connections(transcript)) {
    KeyExchange exchange = key_exchange(transcript, connection);
    KeySchedule later = compute_later_schedule(transcript, connection, out.front().schedule, exchange.secrets());
    out.push_back({std::move(exchange), std::move(later)});
  }
  return out;
}

}  // namespace hl::crypto
