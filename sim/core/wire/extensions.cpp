// TLS extensions (RFC 8446 §4.2 and the RFCs that define each type), one decoder per
// type in a table; the same type can have a different form per host message.
#include <string>

#include "core/wire/decoders.hpp"
#include "core/model/counts.hpp"

namespace hl::wire {
namespace {

using ExtensionDecoder = void (*)(Cursor& body, FieldList& out, ExtensionHost host, DecodeContext& ctx);

constexpr std::size_t k8 = 0xff, k16 = 0xffff;

bool from_client(ExtensionHost host) { return host == ExtensionHost::client_hello; }

/* struct { NameType name_type; select (name_type) { case host_name: HostName; } name; } ServerName;
 * struct { ServerName server_name_list<1..2^16-1> } ServerNameList;   (empty in server messages) */
void server_name(Cursor& body, FieldList& out, ExtensionHost host, DecodeContext&) {
  if (!from_client(host)) return;  // the server only acknowledges, with empty data
  Cursor list;
  Field* node = open_vector(body, out, "server_name_list", "server_name_list", 2, 1, k16, list);
  if (!node) return;
  while (!list.empty()) {
    Field& entry = add_node(node->children, "ServerName", "", list.offset(), 0, "server_name_entry");
    std::uint32_t type = 0;
    Cursor name;
    Field* host_name = nullptr;
    if (add_uint(list, entry.children, "name_type", "server_name_type", 1, type, server_name_type_name))
      host_name = open_vector(list, entry.children, "host_name", "host_name", 2, 1, k16, name);
    if (host_name) {
      add_text(name, host_name->children, "name", "host_name", name.remaining());
      entry.value = host_name->children.back().value;
    }
    close_node(entry, list);
    if (!host_name) break;
  }
}

/* enum { 2^9(1), 2^10(2), 2^11(3), 2^12(4), (255) } MaxFragmentLength; */
void max_fragment_length(Cursor& body, FieldList& out, ExtensionHost, DecodeContext&) {
  add_uint(body, out, "max_fragment_length", "max_fragment_length", 1, max_fragment_length_name);
}

/* struct { CertificateStatusType status_type; select (status_type) { case ocsp: OCSPStatusRequest; } request; }
 * struct { ResponderID responder_id_list<0..2^16-1>; Extensions request_extensions; } OCSPStatusRequest;
 * In a TLS 1.3 CertificateEntry: struct { CertificateStatusType status_type; OCSPResponse response<1..2^24-1>; } */
void status_request(Cursor& body, FieldList& out, ExtensionHost host, DecodeContext&) {
  if (host == ExtensionHost::server_hello || host == ExtensionHost::encrypted_extensions) return;  // empty ack
  if (body.empty() && host == ExtensionHost::certificate_request) return;
  std::uint32_t type = 0;
  if (!add_uint(body, out, "status_type", "status_type", 1, type, status_type_name)) return;
  if (host == ExtensionHost::certificate) {
    decode_ocsp_response_vector(body, out);
    return;
  }
  if (!add_opaque_vector(body, out, "responder_id_list", "responder_id_list", 2, 0, k16)) return;
  add_opaque_vector(body, out, "request_extensions", "ocsp_request_extensions", 2, 0, k16);
}

/* struct { NamedGroup named_group_list<2..2^16-1>; } NamedGroupList; */
void supported_groups(Cursor& body, FieldList& out, ExtensionHost, DecodeContext&) {
  Cursor list;
  Field* node = open_vector(body, out, "named_group_list", "named_group_list", 2, 2, k16, list);
  if (node) add_code_list(list, node->children, "named_group", "named_group", 2, named_group_name);
}

/* struct { ECPointFormat ec_point_format_list<1..2^8-1> } ECPointFormatList; */
void ec_point_formats(Cursor& body, FieldList& out, ExtensionHost, DecodeContext&) {
  Cursor list;
  Field* node = open_vector(body, out, "ec_point_format_list", "ec_point_format_list", 1, 1, k8, list);
  if (node) add_code_list(list, node->children, "ec_point_format", "ec_point_format", 1, ec_point_format_name);
}

/* struct { SignatureScheme supported_signature_algorithms<2..2^16-2>; } SignatureSchemeList; */
void signature_algorithms(Cursor& body, FieldList& out, ExtensionHost, DecodeContext&) {
  Cursor list;
  Field* node = open_vector(body, out, "supported_signature_algorithms", "signature_scheme_list", 2, 2, k16 - 1, list);
  if (node) add_code_list(list, node->children, "signature_scheme", "signature_scheme", 2, signature_scheme_name);
}

/* opaque ProtocolName<1..2^8-1>; struct { ProtocolName protocol_name_list<2..2^16-1> } ProtocolNameList; */
void alpn(Cursor& body, FieldList& out, ExtensionHost, DecodeContext&) {
  Cursor list;
  Field* node = open_vector(body, out, "protocol_name_list", "alpn_list", 2, 2, k16, list);
  if (!node) return;
  while (!list.empty()) {
    Cursor name;
    Field* entry = open_vector(list, node->children, "ProtocolName", "alpn_protocol", 1, 1, k8, name);
    if (!entry) return;
    add_text(name, entry->children, "name", "alpn_protocol", name.remaining());
    entry->value = entry->children.back().value;
  }
}

/* opaque SerializedSCT<1..2^16-1>; struct { SerializedSCT sct_list <1..2^16-1>; } SignedCertificateTimestampList; */
void signed_certificate_timestamp(Cursor& body, FieldList& out, ExtensionHost host, DecodeContext&) {
  if (host == ExtensionHost::client_hello || body.empty()) return;  // the client only asks, with empty data
  Cursor list;
  Field* node = open_vector(body, out, "sct_list", "sct_list", 2, 1, k16, list);
  while (node && !list.empty()) {
    if (!add_opaque_vector(list, node->children, "SerializedSCT", "sct", 2, 1, k16)) return;
  }
}

/* struct { opaque zeros<0..2^16-1> (no length prefix: the extension's length says it) } PaddingExtension; */
void padding(Cursor& body, FieldList& out, ExtensionHost, DecodeContext&) {
  std::size_t start = body.offset();
  auto bytes = body.take_rest();
  Field field = make_leaf("padding", std::to_string(bytes.size()) + " zero bytes", start, bytes.size(), "padding");
  for (auto byte : bytes) {
    if (byte == 0) continue;
    field.malformed = true;
    field.error = "RFC 7685: padding bytes must all be zero";
    break;
  }
  out.push_back(std::move(field));
}

/* uint16 RecordSizeLimit; */
void record_size_limit(Cursor& body, FieldList& out, ExtensionHost, DecodeContext&) {
  add_uint(body, out, "record_size_limit", "record_size_limit", 2);
}

/* opaque SessionTicket<0..2^16-1> (no length prefix: the extension's length says it) */
void session_ticket(Cursor& body, FieldList& out, ExtensionHost, DecodeContext&) {
  if (!body.empty()) add_rest(body, out, "ticket", "session_ticket_data");
}

/* struct { opaque identity<1..2^16-1>; uint32 obfuscated_ticket_age; } PskIdentity;
 * opaque PskBinderEntry<32..255>;
 * struct { PskIdentity identities<7..2^16-1>; PskBinderEntry binders<33..2^16-1>; } OfferedPsks;
 * ServerHello: uint16 selected_identity; */
void pre_shared_key(Cursor& body, FieldList& out, ExtensionHost host, DecodeContext&) {
  if (!from_client(host)) {
    add_uint(body, out, "selected_identity", "psk_selected_identity", 2);
    return;
  }
  Cursor list;
  Field* ids = open_vector(body, out, "identities", "psk_identities", 2, 7, k16, list);
  if (!ids) return;
  while (!list.empty()) {
    Field& entry = add_node(ids->children, "PskIdentity", "", list.offset(), 0, "psk_identity");
    bool ok = add_opaque_vector(list, entry.children, "identity", "psk_identity", 2, 1, k16) &&
              add_uint(list, entry.children, "obfuscated_ticket_age", "obfuscated_ticket_age", 4);
    close_node(entry, list);
    if (!ok) break;
  }
  Field* binders = open_vector(body, out, "binders", "psk_binders", 2, 33, k16, list);
  while (binders && !list.empty()) {
    if (!add_opaque_vector(list, binders->children, "PskBinderEntry", "psk_binder", 1, 32, 255)) return;
  }
}

/* struct {} Empty;  NewSessionTicket: uint32 max_early_data_size; */
void early_data(Cursor& body, FieldList& out, ExtensionHost host, DecodeContext&) {
  if (host == ExtensionHost::new_session_ticket) add_uint(body, out, "max_early_data_size", "max_early_data_size", 4);
}

/* ClientHello: ProtocolVersion versions<2..254>;  ServerHello and HRR: ProtocolVersion selected_version; */
void supported_versions(Cursor& body, FieldList& out, ExtensionHost host, DecodeContext& ctx) {
  if (from_client(host)) {
    Cursor list;
    Field* node = open_vector(body, out, "versions", "supported_versions_list", 1, 2, 254, list);
    if (node) add_code_list(list, node->children, "version", "supported_version", 2, version_name);
    return;
  }
  std::uint32_t version = 0;
  if (!add_uint(body, out, "selected_version", "selected_version", 2, version, version_name)) return;
  bool server_choice = host == ExtensionHost::server_hello || host == ExtensionHost::hello_retry_request;
  if (server_choice && (version == record::kTls12 || version == record::kTls13)) ctx.version = static_cast<std::uint16_t>(version);
}

/* struct { opaque cookie<1..2^16-1>; } Cookie; */
void cookie(Cursor& body, FieldList& out, ExtensionHost, DecodeContext&) {
  add_opaque_vector(body, out, "cookie", "cookie", 2, 1, k16);
}

/* struct { PskKeyExchangeMode ke_modes<1..255>; } PskKeyExchangeModes; */
void psk_key_exchange_modes(Cursor& body, FieldList& out, ExtensionHost, DecodeContext&) {
  Cursor list;
  Field* node = open_vector(body, out, "ke_modes", "psk_ke_modes", 1, 1, 255, list);
  if (node) add_code_list(list, node->children, "ke_mode", "psk_ke_mode", 1, psk_mode_name);
}

/* opaque DistinguishedName<1..2^16-1>;
 * struct { DistinguishedName authorities<3..2^16-1>; } CertificateAuthoritiesExtension; */
void certificate_authorities(Cursor& body, FieldList& out, ExtensionHost, DecodeContext&) {
  Cursor list;
  Field* node = open_vector(body, out, "authorities", "certificate_authorities", 2, 3, k16, list);
  while (node && !list.empty()) {
    Cursor name;
    Field* entry = open_vector(list, node->children, "DistinguishedName", "distinguished_name", 2, 1, k16, name);
    if (!entry) return;
    while (!name.empty()) decode_der(name, entry->children);
  }
}

/* struct { opaque certificate_extension_oid<1..2^8-1>; opaque certificate_extension_values<0..2^16-1>; } OIDFilter;
 * struct { OIDFilter filters<0..2^16-1>; } OIDFilterExtension; */
void oid_filters(Cursor& body, FieldList& out, ExtensionHost, DecodeContext&) {
  Cursor list;
  Field* node = open_vector(body, out, "filters", "oid_filters", 2, 0, k16, list);
  while (node && !list.empty()) {
    Field& entry = add_node(node->children, "OIDFilter", "", list.offset(), 0, "oid_filter");
    Cursor oid;
    Field* oid_node = open_vector(list, entry.children, "certificate_extension_oid", "oid_filter_oid", 1, 1, k8, oid);
    if (oid_node) {
      entry.value = oid_to_text(oid.rest());
      add_rest(oid, oid_node->children, "oid", "oid_filter_oid");
    }
    bool ok = oid_node && add_opaque_vector(list, entry.children, "certificate_extension_values",
                                            "oid_filter_values", 2, 0, k16);
    close_node(entry, list);
    if (!ok) return;
  }
}

/* struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry; */
bool key_share_entry(Cursor& c, FieldList& out) {
  Field& entry = add_node(out, "KeyShareEntry", "", c.offset(), 0, "key_share_entry");
  std::uint32_t group = 0;
  bool ok = add_uint(c, entry.children, "group", "named_group", 2, group, named_group_name);
  ok = ok && add_opaque_vector(c, entry.children, "key_exchange", "key_exchange", 2, 1, k16);
  const char* name = named_group_name(group);
  entry.value = name ? name : hex_code(group, 2);
  close_node(entry, c);
  return ok;
}

/* ClientHello: KeyShareEntry client_shares<0..2^16-1>;  ServerHello: KeyShareEntry server_share;
 * HelloRetryRequest: NamedGroup selected_group; */
void key_share(Cursor& body, FieldList& out, ExtensionHost host, DecodeContext&) {
  if (host == ExtensionHost::hello_retry_request) {
    add_uint(body, out, "selected_group", "hrr_selected_group", 2, named_group_name);
    return;
  }
  if (host == ExtensionHost::server_hello) {
    key_share_entry(body, out);
    return;
  }
  Cursor list;
  Field* node = open_vector(body, out, "client_shares", "client_shares", 2, 0, k16, list);
  while (node && !list.empty()) {
    if (!key_share_entry(list, node->children)) return;
  }
}

/* struct { opaque renegotiated_connection<0..255>; } RenegotiationInfo; */
void renegotiation_info(Cursor& body, FieldList& out, ExtensionHost, DecodeContext&) {
  add_opaque_vector(body, out, "renegotiated_connection", "renegotiated_connection", 1, 0, 255);
}

/* struct { CertificateCompressionAlgorithm algorithms<2..2^8-2>; } CertificateCompressionAlgorithms; */
void compress_certificate(Cursor& body, FieldList& out, ExtensionHost, DecodeContext&) {
  Cursor list;
  Field* node = open_vector(body, out, "algorithms", "cert_compression_algorithms", 1, 2, k8 - 1, list);
  if (node) add_code_list(list, node->children, "algorithm", "cert_compression_algorithm", 2, cert_compression_name);
}

/* extension_data is empty: the extension's presence is the message. */
void empty(Cursor&, FieldList&, ExtensionHost, DecodeContext&) {}

/* encrypt_then_mac: empty; the ServerHello accepting it changes how TLS 1.2 CBC records look. */
void encrypt_then_mac(Cursor&, FieldList&, ExtensionHost host, DecodeContext& ctx) {
  if (host == ExtensionHost::server_hello) ctx.encrypt_then_mac = true;
}

struct ExtensionRow {
  std::uint16_t type;
  ExtensionDecoder decode;
};

const ExtensionRow kExtensionDecoders[] = {
    {0, server_name},
    {1, max_fragment_length},
    {5, status_request},
    {10, supported_groups},
    {11, ec_point_formats},
    {13, signature_algorithms},
    {16, alpn},
    {18, signed_certificate_timestamp},
    {21, padding},
    {22, encrypt_then_mac},
    {23, empty},  // extended_master_secret
    {27, compress_certificate},
    {28, record_size_limit},
    {35, session_ticket},
    {41, pre_shared_key},
    {42, early_data},
    {43, supported_versions},
    {44, cookie},
    {45, psk_key_exchange_modes},
    {47, certificate_authorities},
    {48, oid_filters},
    {49, empty},  // post_handshake_auth
    {50, signature_algorithms},  // signature_algorithms_cert has the same form
    {51, key_share},
    {65281, renegotiation_info},
};

ExtensionDecoder find_decoder(std::uint32_t type) {
  for (const auto& row : kExtensionDecoders) {
    if (row.type == type) return row.decode;
  }
  return nullptr;
}

std::string extension_key(std::uint32_t type) {
  if (is_grease16(type)) return "ext.grease";
  const char* name = extension_type_name(type);
  return name ? std::string("ext.") + name : "ext.unknown";
}

/* struct { ExtensionType extension_type; opaque extension_data<0..2^16-1>; } Extension; */
bool decode_extension(Cursor& c, FieldList& out, ExtensionHost host, DecodeContext& ctx) {
  std::size_t start = c.offset();
  const char* name_for_node = nullptr;
  Field& ext = add_node(out, "Extension", "", start, 0, "extension");
  std::uint32_t type = 0;
  if (!add_uint(c, ext.children, "extension_type", "extension_type", 2, type, extension_type_name)) {
    close_node(ext, c);
    return false;
  }
  name_for_node = extension_type_name(type);
  ext.name = std::string("Extension: ") + (name_for_node ? name_for_node : "unknown " + std::to_string(type));
  ext.explain = extension_key(type);
  Cursor data;
  Field* data_node = open_vector(c, ext.children, "extension_data", "extension_data", 2, 0, k16, data);
  if (!data_node) {
    close_node(ext, c);
    return false;
  }
  // The data's own fields go beside type and length, so the extension reads as one flat struct.
  Field length = std::move(data_node->children.front());
  ext.children.pop_back();
  ext.children.push_back(std::move(length));
  ExtensionDecoder decode = find_decoder(type);
  if (decode) decode(data, ext.children, host, ctx);
  if (!decode && !data.empty()) add_rest(data, ext.children, "extension_data", "extension_data_raw");
  expect_end(data, ext.children, ext.name);
  ext.value = byte_count(c.offset() - start - 4);
  close_node(ext, c);
  return true;
}

}  // namespace

void decode_extension_block(Cursor& c, FieldList& out, ExtensionHost host, std::size_t min_len, DecodeContext& ctx) {
  Cursor list;
  Field* node = open_vector(c, out, "extensions", "extensions", 2, min_len, k16, list);
  if (!node) return;
  std::size_t num_extensions = 0;
  while (!list.empty()) {
    if (!decode_extension(list, node->children, host, ctx)) break;
    ++num_extensions;
  }
  node->value = std::to_string(num_extensions) + (num_extensions == 1 ? " extension" : " extensions");
}

}  // namespace hl::wire
