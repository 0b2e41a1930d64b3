#include "core/crypto/key_exchange_wire.hpp"

#include "core/wire/cursor.hpp"

namespace hl::crypto {
namespace {

constexpr std::uint16_t kKeyShareExt = 51;
constexpr std::uint8_t kServerKeyExchange = wire_type(HandshakeType::server_key_exchange);
constexpr std::uint8_t kNamedCurve = 3;  // ECCurveType named_curve (RFC 8422 §5.4)

bool fail(std::string& out_error, std::string sentence) {
  out_error = std::move(sentence);
  return false;
}

WireBytes take_all(wire::Cursor c) { return {Bytes(c.rest().begin(), c.rest().end()), c.offset()}; }

// A non-empty opaque<1..2^(8*prefix_len)-1> vector.
bool vector_of(wire::Cursor& c, std::size_t prefix_len, WireBytes& out) {
  wire::Cursor field;
  if (!c.prefixed(prefix_len, field) || field.empty()) return false;
  out = take_all(field);
  return true;
}

// The body of a whole handshake message of `type`, with offsets from the message start.
bool message_body(ByteView message, std::uint8_t type, const char* name, wire::Cursor& out_body, std::string& out_error) {
  wire::Cursor c(message);
  std::uint8_t message_type = 0;
  if (!c.u8(message_type) || message_type != type) return fail(out_error, std::string("this is not a ") + name);
  if (!c.prefixed(3, out_body) || !c.empty()) return fail(out_error, std::string("the ") + name + "'s length does not match its bytes");
  return true;
}

// struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry;
bool key_share_entry(wire::Cursor& c, KeyShareEntry& out) { return c.u16(out.group) && vector_of(c, 2, out.key); }

// struct { ServerECDHParams / ServerDHParams params; digitally-signed struct {...} signed_params; }
bool server_params(wire::Cursor& body, bool dhe, ServerKeyExchangeParams& out) {
  const std::size_t start = body.offset();
  const auto begin = body.rest();
  if (dhe) {
    // struct { opaque dh_p<1..2^16-1>; opaque dh_g<1..2^16-1>; opaque dh_Ys<1..2^16-1>; } ServerDHParams;
    if (!vector_of(body, 2, out.dh_p) || !vector_of(body, 2, out.dh_g) || !vector_of(body, 2, out.public_key)) return false;
  } else {
    // struct { ECCurveType curve_type; NamedCurve namedcurve; } ECParameters; opaque point<1..2^8-1>;
    std::uint8_t curve_type = 0;
    if (!body.u8(curve_type) || curve_type != kNamedCurve || !body.u16(out.group) || !vector_of(body, 1, out.public_key))
      return false;
  }
  out.params = {Bytes(begin.begin(), begin.begin() + static_cast<std::ptrdiff_t>(body.offset() - start)), start};
  return true;
}

}  // namespace

bool read_server_key_share(const HandshakeMessage& server_hello, KeyShareEntry& out, std::string& out_error) {
  auto ext = hello_extension_cursor(server_hello, kKeyShareExt);
  if (!ext) return fail(out_error, "the ServerHello carries no key_share extension");
  if (!key_share_entry(*ext, out) || !ext->empty()) return fail(out_error, "the ServerHello's key_share entry is malformed");
  return true;
}

// struct { KeyShareEntry client_shares<0..2^16-1>; } KeyShareClientHello;
bool read_client_key_share(const HandshakeMessage& client_hello, std::uint16_t group, KeyShareEntry& out,
                           std::string& out_error) {
  auto ext = hello_extension_cursor(client_hello, kKeyShareExt);
  if (!ext) return fail(out_error, "the ClientHello carries no key_share extension");
  wire::Cursor shares;
  if (!ext->prefixed(2, shares) || !ext->empty()) return fail(out_error, "the ClientHello's key_share list is malformed");
  bool found = false;
  while (!shares.empty()) {
    KeyShareEntry entry;
    if (!key_share_entry(shares, entry)) return fail(out_error, "an entry of the ClientHello's key_share list is malformed");
    if (entry.group == group && !found) out = std::move(entry), found = true;
  }
  if (!found) return fail(out_error, "the ClientHello offers no key share for the group the server chose");
  return true;
}

bool read_server_key_exchange(ByteView message, bool dhe, ServerKeyExchangeParams& out, std::string& out_error) {
  wire::Cursor body;
  if (!message_body(message, kServerKeyExchange, "ServerKeyExchange", body, out_error)) return false;
  if (!server_params(body, dhe, out))
    return fail(out_error, dhe ? "the ServerDHParams are cut short or empty"
                               : "the ServerECDHParams are cut short, empty or not on a named curve");
  // struct { SignatureAndHashAlgorithm algorithm; opaque signature<0..2^16-1>; } DigitallySigned;
  if (!body.u16(out.scheme) || !vector_of(body, 2, out.signature))
    return fail(out_error, "the ServerKeyExchange's signature is cut short or empty");
  if (!body.empty()) return fail(out_error, "bytes follow the signature in the ServerKeyExchange");
  return true;
}

bool read_client_public(ByteView message, bool dhe, WireBytes& out, std::string& out_error) {
  wire::Cursor body;
  if (!message_body(message, kClientKeyExchange, "ClientKeyExchange", body, out_error)) return false;
  if (!vector_of(body, dhe ? 2 : 1, out)) return fail(out_error, "the client's public value is cut short or empty");
  if (!body.empty()) return fail(out_error, "bytes follow the client's public value in the ClientKeyExchange");
  return true;
}

}  // namespace hl::crypto
