// Public values read through the bounded cursor, as the RFC structs lay them out.
#include "core/crypto/key_exchange.hpp"

#include <optional>

#include "core/crypto/handshake_log.hpp"
#include "core/wire/cursor.hpp"
#include "core/wire/names.hpp"

namespace hl::crypto {
namespace {

constexpr std::uint16_t kKeyShareExt = 51;
constexpr std::uint8_t kServerKeyExchange = 12;
constexpr std::uint8_t kNamedCurve = 3;

constexpr const char* kPrivateReason =
    "the lab does not capture ephemeral private keys (OpenSSL gives an endpoint its own key share only through "
    "SSL_get_tmp_key at the right moment, and in TLS 1.2 never the client's)";
constexpr const char* kSharedReason = "not captured: computing it needs one side's ephemeral private key";

Bytes rest_of(const wire::Cursor& c) { return Bytes(c.rest().begin(), c.rest().end()); }

wire::Cursor body_of(const HandshakeMessage& message) {
  return wire::Cursor(std::span(message.bytes).subspan(std::min<std::size_t>(4, message.bytes.size())));
}

std::string group_name(std::uint16_t group) {
  const char* name = wire::named_group_name(group);
  return name ? name : "unknown group " + std::to_string(group);
}

// TLS 1.3 KeyShareEntry { NamedGroup group; opaque key_exchange<1..2^16-1>; } in the ServerHello,
// and the ClientHello's entry for the same group in client_shares<0..2^16-1>.
void tls13_shares(const HandshakeMessage& client_hello, const HandshakeMessage& server_hello, KeyExchange& out,
                  KeyExchangeValue& client, KeyExchangeValue& server) {
  auto server_ext = hello_extension(server_hello, kKeyShareExt);
  if (!server_ext) return;
  wire::Cursor s(*server_ext);
  std::uint16_t group = 0;
  wire::Cursor key;
  if (!s.u16(group) || !s.prefixed(2, key)) return;
  out.group = group_name(group);
  server.value = rest_of(key);
  auto client_ext = hello_extension(client_hello, kKeyShareExt);
  if (!client_ext) return;
  wire::Cursor c(*client_ext), shares;
  if (!c.prefixed(2, shares)) return;
  while (!shares.empty()) {
    std::uint16_t offered = 0;
    wire::Cursor offered_key;
    if (!shares.u16(offered) || !shares.prefixed(2, offered_key)) return;
    if (offered == group) client.value = rest_of(offered_key);
  }
}

// ServerECDHParams { ECParameters curve_params; ECPoint public; } or ServerDHParams { dh_p, dh_g, dh_Ys }.
void tls12_server_share(const HandshakeMessage& ske, bool dhe, KeyExchange& out, KeyExchangeValue& server) {
  wire::Cursor body = body_of(ske), field;
  if (dhe) {
    if (body.prefixed(2, field) && body.prefixed(2, field) && body.prefixed(2, field)) server.value = rest_of(field);
    return;
  }
  std::uint8_t curve_type = 0;
  std::uint16_t group = 0;
  if (!body.u8(curve_type) || curve_type != kNamedCurve || !body.u16(group) || !body.prefixed(1, field)) return;
  out.group = group_name(group);
  server.value = rest_of(field);
}

// ClientECDiffieHellmanPublic { opaque point<1..2^8-1>; }, ClientDiffieHellmanPublic { opaque dh_Yc<1..2^16-1>; },
// EncryptedPreMasterSecret { opaque<0..2^16-1>; }.
Bytes tls12_client_value(const HandshakeMessage& cke, std::size_t prefix_len) {
  wire::Cursor body = body_of(cke), field;
  if (!body.prefixed(prefix_len, field)) return {};
  return rest_of(field);
}

void mark(KeyExchangeValue& v, const std::string& missing_reason) {
  if (v.value.empty() && v.unavailable.empty()) v.unavailable = missing_reason;
}

}  // namespace

KeyExchange key_exchange(const Transcript& transcript, const KeySchedule& schedule) {
  KeyExchange out;
  const auto messages = handshake_messages(transcript);
  const auto client_hello = find_message(messages, kClientHello, Side::client);
  const auto server_hello = find_message(messages, kServerHello, Side::server);
  if (!client_hello || !server_hello || !schedule.suite) return out;
  const auto kex = wire::suite_traits(schedule.suite->id).kex;
  KeyExchangeValue client{"client_public", {}, {}, 0}, server{"server_public", {}, {}, 0};
  if (kex == wire::KeyExchange::tls13) {
    out.kind = "ecdhe";
    client.step = messages[*client_hello].step;
    server.step = messages[*server_hello].step;
    tls13_shares(messages[*client_hello], messages[*server_hello], out, client, server);
  }
  const auto ske = find_message(messages, kServerKeyExchange, Side::server);
  const auto cke = find_message(messages, kClientKeyExchange, Side::client);
  if (kex == wire::KeyExchange::ecdhe || kex == wire::KeyExchange::dhe) {
    const bool dhe = kex == wire::KeyExchange::dhe;
    out.kind = dhe ? "dhe" : "ecdhe";
    if (ske) {
      tls12_server_share(messages[*ske], dhe, out, server);
      server.step = messages[*ske].step;
    }
    if (cke) {
      client.value = tls12_client_value(messages[*cke], dhe ? 2 : 1);
      client.step = messages[*cke].step;
    }
  }
  if (kex == wire::KeyExchange::rsa) {
    out.kind = "rsa";
    KeyExchangeValue encrypted{"encrypted_premaster", {}, {}, 0}, premaster{"premaster", {}, {}, 0};
    if (cke) {
      encrypted.value = tls12_client_value(messages[*cke], 2);
      encrypted.step = messages[*cke].step;
    }
    mark(encrypted, "not reached: no ClientKeyExchange was sent");
    const ScheduleValue* logged = schedule.find("pre_master_secret");
    if (logged && logged->available()) {
      premaster.value = logged->value;
      premaster.step = encrypted.step;
    }
    mark(premaster, "the key log has no RSA line for this ClientKeyExchange");
    out.values = {encrypted, premaster};
    return out;
  }
  if (out.kind.empty()) return out;
  mark(client, "not reached, or the message carrying it could not be read");
  mark(server, "not reached, or the message carrying it could not be read");
  out.values = {{"client_private", {}, kPrivateReason, 0}, client, {"server_private", {}, kPrivateReason, 0}, server,
                {"shared_secret", {}, kSharedReason, 0}};
  return out;
}

}  // namespace hl::crypto
