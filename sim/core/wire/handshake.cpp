// The handshake message header and every message body other than the hellos
// (RFC 8446 §4, RFC 5246 §7.4, RFC 4492 §5, RFC 5077 §3.3). A table maps each
// msg_type to its title and decoder.
#include "core/wire/hello_messages.hpp"
#include "core/model/counts.hpp"

namespace hl::wire {
namespace {

constexpr std::size_t k8 = 0xff, k16 = 0xffff, k24 = 0xffffff;
constexpr std::size_t kHandshakeHeaderLen = 4;  // msg_type (1) and length (3)

bool tls13(const DecodeContext& ctx) { return ctx.version == record::kTls13; }

/* struct { opaque signature<0..2^16-1>; } preceded by SignatureScheme algorithm (RFC 8446 §4.4.3, RFC 5246 §4.7) */
void add_digitally_signed(Cursor& c, FieldList& out) {
  if (!add_uint(c, out, "algorithm", "signature_scheme", 2, signature_scheme_name)) return;
  add_opaque_vector(c, out, "signature", "signature", 2, 0, k16);
}

/*
 * TLS 1.3: struct { uint32 ticket_lifetime; uint32 ticket_age_add; opaque ticket_nonce<0..255>;
 *                   opaque ticket<1..2^16-1>; Extension extensions<0..2^16-2>; } NewSessionTicket;
 * TLS 1.2: struct { uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>; } NewSessionTicket;
 */
void new_session_ticket(Cursor& c, FieldList& out, DecodeContext& ctx) {
  if (!tls13(ctx)) {
    if (!add_uint(c, out, "ticket_lifetime_hint", "ticket_lifetime_hint", 4)) return;
    add_opaque_vector(c, out, "ticket", "session_ticket_data", 2, 0, k16);
    return;
  }
  if (!add_uint(c, out, "ticket_lifetime", "ticket_lifetime", 4)) return;
  if (!add_uint(c, out, "ticket_age_add", "ticket_age_add", 4)) return;
  if (!add_opaque_vector(c, out, "ticket_nonce", "ticket_nonce", 1, 0, 255)) return;
  if (!add_opaque_vector(c, out, "ticket", "session_ticket_data", 2, 1, k16)) return;
  decode_extension_block(c, out, ExtensionHost::new_session_ticket, 0, ctx);
}

/* struct {} EndOfEarlyData;  struct {} ServerHelloDone;  struct {} HelloRequest; */
void empty_body(Cursor&, FieldList&, DecodeContext&) {}

/* struct { Extension extensions<0..2^16-1>; } EncryptedExtensions; */
void encrypted_extensions(Cursor& c, FieldList& out, DecodeContext& ctx) {
  decode_extension_block(c, out, ExtensionHost::encrypted_extensions, 0, ctx);
}

// One certificate's DER bytes, shown as its ASN.1 structure.
void add_cert_data(Cursor& c, FieldList& out, const char* name) {
  Cursor der;
  Field* node = open_vector(c, out, name, "cert_data", 3, 1, k24, der);
  if (!node) return;
  decode_der(der, node->children);
  expect_end(der, node->children, "the certificate's DER SEQUENCE");
}

/*
 * TLS 1.3: struct { opaque cert_data<1..2^24-1>; Extension extensions<0..2^16-1>; } CertificateEntry;
 *          struct { opaque certificate_request_context<0..2^8-1>;
 *                   CertificateEntry certificate_list<0..2^24-1>; } Certificate;
 * TLS 1.2: opaque ASN.1Cert<1..2^24-1>; struct { ASN.1Cert certificate_list<0..2^24-1>; } Certificate;
 */
void certificate(Cursor& c, FieldList& out, DecodeContext& ctx) {
  Cursor list;
  if (tls13(ctx)) {
    if (!add_opaque_vector(c, out, "certificate_request_context", "certificate_request_context", 1, 0, k8)) return;
  }
  Field* certs = open_vector(c, out, "certificate_list", "certificate_list", 3, 0, k24, list);
  if (!certs) return;
  std::size_t num_certs = 0;
  while (!list.empty()) {
    if (!tls13(ctx)) {
      add_cert_data(list, certs->children, "ASN.1Cert");
      ++num_certs;
      continue;
    }
    Field& entry = add_node(certs->children, "CertificateEntry", "", list.offset(), 0, "certificate_entry");
    add_cert_data(list, entry.children, "cert_data");
    if (!entry.children.back().malformed)  // per-entry extensions are required in TLS 1.3
      decode_extension_block(list, entry.children, ExtensionHost::certificate, 0, ctx);
    close_node(entry, list);
    entry.value = "certificate " + std::to_string(++num_certs);
  }
  certs->value = std::to_string(num_certs) + (num_certs == 1 ? " certificate" : " certificates");
}

/*
 * TLS 1.3: struct { opaque certificate_request_context<0..2^8-1>; Extension extensions<2..2^16-1>; } CertificateRequest;
 * TLS 1.2: struct { ClientCertificateType certificate_types<1..2^8-1>;
 *                   SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>;
 *                   DistinguishedName certificate_authorities<0..2^16-1>; } CertificateRequest;
 */
void certificate_request(Cursor& c, FieldList& out, DecodeContext& ctx) {
  Cursor list;
  if (tls13(ctx)) {
    if (!add_opaque_vector(c, out, "certificate_request_context", "certificate_request_context", 1, 0, k8)) return;
    decode_extension_block(c, out, ExtensionHost::certificate_request, 2, ctx);
    return;
  }
  Field* types = open_vector(c, out, "certificate_types", "client_certificate_types", 1, 1, k8, list);
  if (!types) return;
  add_code_list(list, types->children, "certificate_type", "client_certificate_type", 1, client_certificate_type_name);
  Field* algs = open_vector(c, out, "supported_signature_algorithms", "signature_scheme_list", 2, 2, k16 - 1, list);
  if (!algs) return;
  add_code_list(list, algs->children, "signature_scheme", "signature_scheme", 2, signature_scheme_name);
  Field* cas = open_vector(c, out, "certificate_authorities", "certificate_authorities", 2, 0, k16, list);
  while (cas && !list.empty()) {
    Cursor name;
    Field* entry = open_vector(list, cas->children, "DistinguishedName", "distinguished_name", 2, 1, k16, name);
    if (!entry) return;
    while (!name.empty()) decode_der(name, entry->children);
  }
}

/*
 * struct { ECParameters curve_params; ECPoint public; } ServerECDHParams;      (RFC 8422 §5.4)
 *   struct { ECCurveType curve_type = named_curve(3); NamedCurve namedcurve; } ECParameters;
 *   struct { opaque point <1..2^8-1>; } ECPoint;
 * struct { opaque dh_p<1..2^16-1>; opaque dh_g<1..2^16-1>; opaque dh_Ys<1..2^16-1>; } ServerDHParams;
 * struct { params; digitally-signed struct { ... } signed_params; } ServerKeyExchange;
 */
void server_key_exchange(Cursor& c, FieldList& out, DecodeContext& ctx) {
  bool ecdhe = ctx.suite.kex == KeyExchange::ecdhe ||
               (ctx.suite.kex == KeyExchange::unknown && !c.empty() && c.rest()[0] == 3);
  if (ecdhe) {
    Field& params = add_node(out, "ECParameters", "", c.offset(), 0, "ec_parameters");
    std::uint32_t curve_type = 0, group = 0;
    bool ok = add_uint(c, params.children, "curve_type", "ec_curve_type", 1, curve_type, ec_curve_type_name) &&
              add_uint(c, params.children, "namedcurve", "named_group", 2, group, named_group_name);
    close_node(params, c);
    const char* name = named_group_name(group);
    params.value = name ? name : "";
    if (!ok) return;
    if (!add_opaque_vector(c, out, "public", "ecdhe_public", 1, 1, k8)) return;
  } else {
    static const char* const kNames[] = {"dh_p", "dh_g", "dh_Ys"};
    for (const char* name : kNames) {
      if (!add_opaque_vector(c, out, name, name, 2, 1, k16)) return;
    }
  }
  if (c.empty()) return;  // anonymous key exchange carries no signature
  Field& signed_params = add_node(out, "signed_params", "", c.offset(), 0, "signed_params");
  add_digitally_signed(c, signed_params.children);
  close_node(signed_params, c);
}

/* struct { SignatureScheme algorithm; opaque signature<0..2^16-1>; } CertificateVerify; */
void certificate_verify(Cursor& c, FieldList& out, DecodeContext&) { add_digitally_signed(c, out); }

// Without the ServerHello (a bare record stream) the suite is unknown: judge by which length
// prefix fits the body exactly (an EC point has a 1-byte prefix, RSA and DH values 2).
KeyExchange guess_client_kex(std::span<const std::uint8_t> body) {
  if (!body.empty() && body[0] + 1u == body.size()) return KeyExchange::ecdhe;
  if (body.size() >= 2 && ((body[0] << 8) | body[1]) + 2u == body.size()) return KeyExchange::rsa;
  return KeyExchange::unknown;
}

/*
 * struct { select (KeyExchangeAlgorithm) {
 *     case rsa:   EncryptedPreMasterSecret;   // opaque encrypted_pre_master_secret<0..2^16-1>
 *     case dhe:   ClientDiffieHellmanPublic;  // opaque dh_Yc<1..2^16-1>
 *     case ecdhe: ClientECDiffieHellmanPublic;  // opaque point<1..2^8-1>
 * } exchange_keys; } ClientKeyExchange;
 */
void client_key_exchange(Cursor& c, FieldList& out, DecodeContext& ctx) {
  KeyExchange kex = ctx.suite.kex;
  if (kex == KeyExchange::unknown) kex = guess_client_kex(c.rest());
  switch (kex) {  // three RFC cases; a table would hide that they differ in prefix size
    case KeyExchange::ecdhe: add_opaque_vector(c, out, "ecdh_Yc", "ecdhe_client_public", 1, 1, k8); return;
    case KeyExchange::dhe: add_opaque_vector(c, out, "dh_Yc", "dh_Yc", 2, 1, k16); return;
    case KeyExchange::rsa: add_opaque_vector(c, out, "encrypted_pre_master_secret", "encrypted_premaster", 2, 0, k16); return;
    default: add_rest(c, out, "exchange_keys", "client_key_exchange_raw"); return;
  }
}

/* struct { opaque verify_data[Hash.length]; } Finished;  (TLS 1.2: 12 bytes) */
void finished(Cursor& c, FieldList& out, DecodeContext&) {
  if (c.empty()) {
    add_malformed(c, out, "verify_data", "Finished must carry verify_data, the message body is empty");
    return;
  }
  add_rest(c, out, "verify_data", "verify_data");
}

/* struct { KeyUpdateRequest request_update; } KeyUpdate; */
void key_update(Cursor& c, FieldList& out, DecodeContext&) {
  add_uint(c, out, "request_update", "key_update_request", 1, key_update_request_name);
}

/* message_hash: Hash(ClientHello1) standing in for the first ClientHello after a HelloRetryRequest. */
void message_hash(Cursor& c, FieldList& out, DecodeContext&) { add_rest(c, out, "hash", "message_hash"); }

/* struct { CertificateStatusType status_type; opaque OCSPResponse<1..2^24-1>; } CertificateStatus; */
void certificate_status(Cursor& c, FieldList& out, DecodeContext&) {
  if (!add_uint(c, out, "status_type", "status_type", 1, status_type_name)) return;
  decode_ocsp_response_vector(c, out);
}

using BodyDecoder = void (*)(Cursor& c, FieldList& out, DecodeContext& ctx);

// Body decoders by type; names and titles come from the one HandshakeType table (names.cpp).
struct MessageRow {
  std::uint8_t type;
  BodyDecoder decode;
};

const MessageRow kMessages[] = {
    {0, empty_body},
    {1, decode_client_hello},
    {2, decode_server_hello},
    {4, new_session_ticket},
    {5, empty_body},
    {8, encrypted_extensions},
    {11, certificate},
    {12, server_key_exchange},
    {13, certificate_request},
    {14, empty_body},
    {15, certificate_verify},
    {16, client_key_exchange},
    {20, finished},
    {22, certificate_status},
    {24, key_update},
    {254, message_hash},
};

const MessageRow* find_message(std::uint32_t type) {
  for (const auto& row : kMessages) {
    if (row.type == type) return &row;
  }
  return nullptr;
}

}  // namespace

/*
 * struct {
 *     HandshakeType msg_type;    // handshake type
 *     uint24 length;             // remaining bytes in message
 *     select (Handshake.msg_type) { ... };
 * } Handshake;
 */
void decode_handshake_message(Cursor& c, FieldList& out, DecodeContext& ctx) {
  Field& node = add_node(out, "Handshake", "", c.offset(), 0, "handshake_message");
  std::uint32_t type = 0;
  if (!add_uint(c, node.children, "msg_type", "handshake_type", 1, type, handshake_type_name)) {
    close_node(node, c);
    return;
  }
  const MessageRow* row = find_message(type);
  bool is_hrr = type == 2 && c.remaining() >= 3 && is_hello_retry_request(c.rest().subspan(3));
  const char* title = handshake_type_title(is_hrr ? static_cast<std::uint32_t>(HandshakeType::hello_retry_request) : type);
  node.name = row && title ? title : "Handshake type " + std::to_string(type);
  node.explain = "msg." + node.name;
  Cursor body;
  Field* vector = open_vector(c, node.children, "length", "handshake_length", 3, 0, k24, body);
  if (!vector) {
    close_node(node, c);
    return;
  }
  // The body's fields sit beside msg_type and length, as the RFC struct lists them.
  Field length = std::move(vector->children.front());
  length.explain = "handshake_length";  // the handshake message's own length, not a vector's prefix
  node.children.pop_back();
  node.children.push_back(std::move(length));
  node.value = std::to_string(kHandshakeHeaderLen + body.remaining()) + "-byte handshake message (" +
               std::to_string(body.remaining()) + "-byte body)";
  node.children.back().value += " (body)";
  if (row) row->decode(body, node.children, ctx);
  if (!row && !body.empty()) add_rest(body, node.children, "body", "handshake_body_raw");
  expect_end(body, node.children, node.name);
  close_node(node, c);
}

}  // namespace hl::wire
